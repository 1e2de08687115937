print(math.huge, -math.huge, math.pi, math.maxinteger, math.mininteger)
print(math.type(math.huge), math.type(math.pi), math.type(math.maxinteger))
print(math.pi == 3.141592653589793, string.format("%.10f", math.pi))
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
