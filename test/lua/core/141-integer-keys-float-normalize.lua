local t = {}
for i = 1, 5 do t[i + 0.0] = i end
print(#t, t[1], t[5])
for k, v in ipairs(t) do print(k, math.type(k), v) end
t[3.0] = "three"
print(t[3])
local u = { [1.0] = "a", [2] = "b" }
print(u[1], u[2.0], #u)
local key = 2^53
local v = {}
v[key] = "x"
print(v[math.tointeger(key)], next(v), math.type(next(v)))
