for i = 1, 6 do
  if i % 2 == 0 then goto continue end
  print("odd", i)
  ::continue::
end
local i = 1
::top::
if i <= 3 then
  print("loop", i)
  i = i + 1
  goto top
end
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto out end
    print(i, j)
  end
end
::out::
print("done")
