-- a label of an inner block may reuse the name of a label that the enclosing block declares later
local function classify (a)
  if a == 1 then
    goto done
    error("skipped")
    ::done:: a = a + 100
  elseif a == 2 then
    goto out
  end
  do return a end
  ::done:: do return "never" end
  ::out:: return "out"
end
print(classify(1), classify(2), classify(3))
print(load("do ::a:: end ::a:: return 1") ~= nil)
print(load("::a:: do ::a:: end"))
print(load("do do ::b:: end end ::b:: do ::b:: end"))
-- nested loops with the same continue label name
local s = {}
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    s[#s + 1] = i .. j
    ::continue::
  end
  if i == 2 then goto continue end
  s[#s + 1] = "/"
  ::continue::
end
print(table.concat(s, " "))
