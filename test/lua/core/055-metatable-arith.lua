local mt = {}
local function V(x) return setmetatable({ x = x }, mt) end
local function val(o) return type(o) == "table" and o.x or o end
for _, op in ipairs({ "add", "sub", "mul", "div", "mod", "pow", "idiv" }) do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
mt.__unm = function(a) return "unm(" .. a.x .. ")" end
local a = V(3)
print(a + 1, 1 + a, a - a, a * 2, a / 2, a % 2, a ^ 2, a // 2, -a)
print("10" + a, a + "x")
