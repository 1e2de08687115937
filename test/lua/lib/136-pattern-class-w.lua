local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local function count(p) return select(2, s:gsub(p, "")) end
print("%w", count("%w"), count("%W"), count("[%w]"), count("[^%w]"))
local members = {}
for c in s:sub(1, 128):gmatch("%w") do members[#members + 1] = c:byte() end
print(#members, members[1], members[#members])
print(("Hello, World! 123 _x\t\n"):gsub("%w", "#"))
print(("Hello, World! 123 _x\t\n"):gsub("%W+", "."))
