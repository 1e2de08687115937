local t = { a = 1, b = 2, c = 3 }
t.b = nil
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))
local arr = { 1, 2, 3 }
arr[3] = nil
print(#arr)
arr[2] = nil
print(#arr)
local sparse = {}
sparse[1000] = "far"
print(#sparse, sparse[1000])
sparse[1000] = nil
print(next(sparse))
