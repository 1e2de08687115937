local t = { count = nil }
print(t.count)
local x = t.count + 1
