print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(3), math.tointeger(2^63), math.tointeger(-2^63))
print(math.tointeger("8"), math.tointeger("x"), math.tointeger({}), math.tointeger(1/0))
print(math.tointeger(-0.0), math.type(math.tointeger(-0.0)))
print(pcall(math.tointeger))
