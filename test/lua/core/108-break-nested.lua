local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j; break end
  end
  if found then break end
end
print(found)
local n = 0
while true do
  repeat
    n = n + 1
    if n % 3 == 0 then break end
  until false
  if n > 10 then break end
end
print(n)
for i = 1, 3 do
  local f = function() return i end
  if i == 2 then print("breaking at", f()) break end
end
