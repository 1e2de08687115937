-- A float loop with a NaN bound runs once: Lua skips it only if `limit < init` (or `init < limit`)
local function run(a, b, c)
  local n, seen = 0, {}
  for i = a, b, c do
    n = n + 1
    seen[#seen + 1] = (i ~= i) and "nan" or tostring(i)
    if n > 5 then break end
  end
  print(n, table.concat(seen, ","))
end
local nan = 0/0
run(nan, 1, 1)
run(nan, 1, -1)
run(1.5, nan, 1)
run(-3, nan, 1.0)
run(-1/0, nan, -2)
run(nan, nan, 0.5)
run(3, 1, nan)
run(1, 3, nan)
run(1, 3.0, nan)
run(math.maxinteger, nan, "1")
-- integer loops with a NaN limit: below every integer
run(1, nan, 1)
run(3, nan, -1)
for i = 0/0, 1 do print("lit", i ~= i) end
for i = 1, 0/0 do print("never", i) end
for i = 2.5, 0/0, -1 do print("once", i) end
