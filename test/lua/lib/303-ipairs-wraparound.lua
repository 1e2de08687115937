-- the ipairs iterator wraps around at maxinteger and normalises big indices
local f = ipairs{}
print(f({[math.mininteger] = 10}, math.maxinteger))
print(f({[math.mininteger] = 10}, math.mininteger))
print(f({[2^53] = 1}, 2^53 - 1))
print(f({[9007199254740992] = 1}, 9007199254740991))
print(f({}, 3.0))
local p = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 10 end end})
for i, v in ipairs(p) do print(i, v) end
