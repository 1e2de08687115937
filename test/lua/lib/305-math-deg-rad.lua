-- math.deg and math.rad (standard in 5.4) return floats
print(math.deg(math.pi), math.deg(1), math.deg(0), math.deg(-math.pi / 2))
print(math.rad(180), math.rad(90), math.rad(0), math.rad("45"))
print(math.type(math.deg(2)), math.type(math.rad(2)))
print(pcall(math.deg), pcall(math.rad, {}))
print(math.deg(1/0), math.rad(-1/0))
