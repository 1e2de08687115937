-- Arithmetic where an operand is an integral float (3.0) and the other an integer, a float or a string.
local vals = { 3.0, -3.0, 0.0, -0.0, 2.0, 1e15, 2^53, 7, -7, 0, 2.5, -0.5, 1/0, -1/0, "4", "2.0" }
local function show(x)
  if type(x) == "number" then return string.format("%s:%s", math.type(x), tostring(x)) end
  return tostring(x)
end
local out = {}
for i = 1, 6 do
  local a = vals[i]
  for j = 1, #vals do
    local b = vals[j]
    local r = {}
    for _, f in ipairs({
      function() return a + b end, function() return a - b end, function() return a * b end,
      function() return a / b end, function() return a % b end, function() return a // b end,
      function() return a ^ b end, function() return b % a end, function() return b // a end,
    }) do
      local ok, v = pcall(f)
      r[#r + 1] = ok and show(v) or "err"
    end
    out[#out + 1] = show(a) .. " " .. show(b) .. " = " .. table.concat(r, " ")
  end
end
print(table.concat(out, "\n"))
-- C's pow, not JavaScript's: 1 ^ anything and (-1) ^ ±inf are 1
local nan = 0/0
print(1 ^ nan, 1.0 ^ (1/0), (-1) ^ (1/0), (-1.0) ^ (-1/0), 2 ^ 0.5 * 2 ^ 0.5 == 2.0)
local x = 1.5
print((x * 2) ^ nan ~= (x * 2) ^ nan, (-8.0) ^ (1/3) ~= (-8.0) ^ (1/3), 1 ^ (x * nan))
