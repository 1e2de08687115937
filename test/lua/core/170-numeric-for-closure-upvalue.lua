local fs = {}
for i = 10, 1, -3 do fs[#fs + 1] = function() return i end end
local out = {}
for _, f in ipairs(fs) do out[#out + 1] = f() end
print(table.concat(out, " "))
local gs = {}
for x = 0.5, 2, 0.5 do gs[#gs + 1] = function() return x end end
out = {}
for _, g in ipairs(gs) do out[#out + 1] = tostring(g()) end
print(table.concat(out, " "))
