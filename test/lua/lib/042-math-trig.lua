local function r(x) return string.format("%.6f", x) end
print(math.sin(0), math.cos(0), math.tan(0))
print(r(math.sin(math.pi / 2)), r(math.cos(math.pi)), r(math.tan(math.pi / 4)))
print(r(math.asin(1)), r(math.acos(0)), r(math.atan(1)), math.asin(0), math.acos(1))
print(r(math.atan(1, 1)), r(math.atan(1, -1)), r(math.atan(-1, -1)), r(math.atan(0, -1)), math.atan(0, 1))
print(r(math.atan(1, 0)), math.atan(0))
print(math.asin(2) ~= math.asin(2))
