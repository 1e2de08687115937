for i = 1, 10 do
  if i == 4 then break end
  print(i)
end
local i = 0
while true do
  i = i + 1
  for j = 1, 10 do
    if j > i then break end
  end
  if i == 3 then break end
end
print("i", i)
repeat
  local x = 1
  if x then break end
  print("no")
until false
print("after repeat")
for k, v in ipairs({ 5, 6, 7 }) do if v == 6 then print("found at", k) break end end
