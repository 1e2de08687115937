local function run()
  missing_function(1, 2)
end
print("run")
run()
