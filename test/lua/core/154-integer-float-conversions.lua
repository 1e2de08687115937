print(3 | 0, math.type(3.0 // 1), math.tointeger and math.type(math.tointeger(3.0)))
print(1e15 // 1, math.type(1e15 // 1))
print(string.format("%d", 2^31), string.format("%d", -0.0))
print(pcall(string.format, "%d", 2^63))
print(7 // 1, 7.0 // 1, 7 / 1)
local i = 10
local f = 10.0
print(i == f, i .. "", f .. "", math.type(i + f))
