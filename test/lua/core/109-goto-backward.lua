local i = 0
local out = {}
::loop::
i = i + 1
out[#out + 1] = i
if i < 5 then goto loop end
print(table.concat(out, " "))
local function find(t, v)
  for i = 1, #t do
    if t[i] == v then goto found end
  end
  do return nil end
  ::found::
  return "found"
end
print(find({ 1, 2, 3 }, 2), find({ 1, 2, 3 }, 5))
print(load("goto nowhere"))
print(load("do ::a:: end ::a:: ::a::"))
print(load("local x goto f; local y; ::f:: print(y)"))
