local f = function() end
local k = {}
local t = { [true] = 1, [false] = 2, [f] = 3, [k] = 4 }
print(t[true], t[false], t[f], t[k], t[{}])
t[true] = nil
print(t[true])
local s = {}
s[print] = "print"
print(s[print])
local co = coroutine.create(function() end)
s[co] = "thread"
print(s[co])
t.x = 1
t.x = nil
print(t.x, rawget(t, "x"))
