local t = {}
print(next(t))
t.a = 1
print(next(t))
print(next(t, "a"))
local arr = { 10, 20, 30 }
local k, v = next(arr)
print(k, v)
print(next(arr, 1))
print(next(arr, 3))
print(pcall(next, arr, "nokey"))
print(pcall(next, 1))
local count = 0
local k2 = next(arr)
while k2 do count = count + 1; k2 = next(arr, k2) end
print(count)
print(type(next), next({}, nil))
