do
  local i = 1
  ::top::
  if i > 3 then goto done end
  print("i", i)
  i = i + 1
  goto top
  ::done::
end
local function f(n)
  if n > 0 then goto positive end
  do return "non-positive" end
  ::positive::
  return "positive"
end
print(f(1), f(-1))
print(type(load("goto l1; local a; ::l1:: ::l2::")))
print(load("do goto l end ::l::") ~= nil)
print(load("::l:: do ::l:: end") ~= nil)
