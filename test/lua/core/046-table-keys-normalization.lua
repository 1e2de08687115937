local t = {}
t[1.0] = "float one"
print(t[1], math.type(next(t)))
t[2^53] = "big"
print(t[2^53], t[9007199254740992])
t[1.5] = "half"
print(t[1.5], t[3/2])
t["1"] = "string one"
print(t[1], t["1"])
t[-0.0] = "zero"
print(t[0])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(t[nil], t[0/0])
local keys = {}
for k in pairs(t) do keys[#keys + 1] = math.type(k) or type(k) end
table.sort(keys)
print(table.concat(keys, " "))
