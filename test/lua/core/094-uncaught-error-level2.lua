local function validate(x)
  if type(x) ~= "number" then error("expected number", 2) end
  return x
end
print(validate(5))
validate("five")
