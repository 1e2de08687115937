print(tostring(nil) .. "|", tostring(true) == "true", tostring(false):upper())
print(type(tostring(nil)), #tostring(nil))
print(nil == false, not nil == not false)
local t = { [true] = "T", [false] = "F" }
print(t[1 == 1], t[1 == 2])
print(tostring(1e15), tostring(-1e15), tostring(1e-4), tostring(123e-7))
