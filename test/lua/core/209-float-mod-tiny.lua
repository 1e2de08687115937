-- float modulo: the sign correction of fmod with tiny operands and with equal signs
local b = 1e-292
print(string.format("%.17g %.17g", (-2.1 * b) % (2 * b), (2 * b) - (0.1 * b)))
print(string.format("%.17g %.17g", (2.1 * b) % (-2 * b), (0.1 * b) - (2 * b)))
local x, y = -2.1 * b, 2 * b
print(string.format("%.17g", x % y))
print(string.format("%.17g %.17g", -5.5 % 2, 5.5 % -2))
print(string.format("%.17g", -1e-300 % 1e300))
print(-4 % -5.0, -4.0 % -5, -4.0 % -5.0)
local a, b = -4.0, -5
print(a % b)
local x = 2.5
print(string.format("%.17g", (-2.1 * b) % (2 * b)))
print(string.format("%.17g", (x * -2.1e-292) % (x * 2e-292)))
print((x*1.5) % (x*-2.0), (x*-1.5) % (x*2.0))
