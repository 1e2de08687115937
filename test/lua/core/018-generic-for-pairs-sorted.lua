local t = { z = 1, a = 2, m = 3, [1] = "one", [2] = "two" }
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
for _, k in ipairs(keys) do print(k) end
local sum = 0
for k, v in pairs({ 10, 20, 30 }) do sum = sum + k * v end
print(sum)
local n = 0
for _ in pairs({}) do n = n + 1 end
print(n)
