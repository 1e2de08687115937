local mt = {}
mt.__lt = function(a, b)
  local av = type(a) == "table" and a.v or a
  local bv = type(b) == "table" and b.v or b
  return av < bv
end
local function V(v) return setmetatable({ v = v }, mt) end
print(V(1) < V(2), V(2) < 3, 0 < V(1), 5 < V(1))

mt.__le = function(a, b) return not (b < a) end
print(V(1) <= V(1), V(2) >= V(3))
local s = { V(3), V(1), V(2) }
table.sort(s, function(a, b) return a < b end)
print(s[1].v, s[2].v, s[3].v)
