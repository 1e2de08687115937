local function check(v) assert(v > 0, "value must be positive") return v end
print(check(1))
print(check(-1))
