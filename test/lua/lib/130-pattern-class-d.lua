local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local function count(p) return select(2, s:gsub(p, "")) end
print("%d", count("%d"), count("%D"), count("[%d]"), count("[^%d]"))
local members = {}
for c in s:sub(1, 128):gmatch("%d") do members[#members + 1] = c:byte() end
print(#members, members[1], members[#members])
print(("Hello, World! 123 _x\t\n"):gsub("%d", "#"))
print(("Hello, World! 123 _x\t\n"):gsub("%D+", "."))
