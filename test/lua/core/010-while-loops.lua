local i = 0
local sum = 0
while i < 10 do
  i = i + 1
  sum = sum + i
end
print(i, sum)
local n = 27
local steps = 0
while n ~= 1 do
  if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end
  steps = steps + 1
end
print(steps)
local j = 0
while true do
  j = j + 1
  if j > 5 then break end
end
print(j)
while false do print("never") end
print("end")
