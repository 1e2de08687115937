local mt = {}
local function V(x) return setmetatable({ x = x }, mt) end
local function val(o) return type(o) == "table" and o.x or o end
for _, op in ipairs({ "band", "bor", "bxor", "shl", "shr" }) do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
mt.__bnot = function(a) return "bnot(" .. a.x .. ")" end
local a = V(6)
print(a & 1, 1 | a, a ~ a, a << 2, 2 >> a, ~a)
print(1.5 & a)
print(pcall(function() return 1.5 & 1 end))
local onlyadd = setmetatable({}, { __add = function() return "added" end })
print(onlyadd + 1)
print(pcall(function() return onlyadd & 1 end))
print(pcall(function() return ~onlyadd end))
