local store = {}
local t = setmetatable({}, { __newindex = store })
t.a = 1
print(rawget(t, "a"), store.a)
local log = {}
local u = setmetatable({}, { __newindex = function(tab, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(tab, k, v * 2) end })
u.x = 5
u.x = 7
print(u.x, table.concat(log, ","))
local ro = setmetatable({}, { __newindex = function(_, k) error("readonly: " .. k, 2) end })
print(pcall(function() ro.z = 1 end))
local chain = setmetatable({}, { __newindex = setmetatable({}, { __newindex = function(_, k, v) print("deep set", k, v) end }) })
chain.q = 9
print(rawget(chain, "q"))
