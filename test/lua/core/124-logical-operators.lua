print(nil and 1, false and 1, 0 and 1, "" and "x")
print(nil or "d", false or false, 1 or error("no"), nil or nil)
print(not 0, not "", not not {}, not false)
local calls = 0
local function f() calls = calls + 1; return true end
local _ = false and f()
local _ = true or f()
print(calls)
local x = nil
local y = x and x.field or "default"
print(y)
print(1 == 1 and "yes" or "no", 1 == 2 and "yes" or "no")
print(false == nil, nil == nil)
