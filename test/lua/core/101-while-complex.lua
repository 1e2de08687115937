local t = { 5, 3, 8, 1, 9, 2 }
local i, max = 1, -math.huge
while t[i] do
  if t[i] > max then max = t[i] end
  i = i + 1
end
print(max, i)
local a, b = 48, 18
while b ~= 0 do a, b = b, a % b end
print("gcd", a)
local bits = {}
local n = 37
while n > 0 do bits[#bits + 1] = n % 2; n = n // 2 end
print(table.concat(bits):reverse())
