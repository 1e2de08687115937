local t = { a = 1, b = 2, c = 3 }
local seen = {}
for k, v in pairs(t) do
  seen[#seen + 1] = k
  t[k] = v * 10
end
table.sort(seen)
print(table.concat(seen, ","), t.a, t.b, t.c)
for k in pairs(t) do t[k] = nil end
print(next(t))
local arr = {}
for i = 1, 10 do arr[i] = i end
for i = 1, 10, 2 do arr[i] = nil end
local rest = {}
for k, v in pairs(arr) do rest[#rest + 1] = v end
table.sort(rest)
print(table.concat(rest, " "))
