-- Fields set to nil disappear from pairs/next, come back when set again, and survive traversal edits.
local function keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end

local o = { a = 1, b = 2, c = 3 }
o.b = nil
print(keys(o), o.b, rawget(o, "b"), next({}))
o.b = 20
print(keys(o), o.b)
o.a, o.c = nil, nil
print(keys(o), next(o))
o.b = nil
print(next(o), keys(o) == "")

-- clearing fields while traversing is allowed
local t = {}
for i = 1, 50 do t["k" .. i] = i end
local n = 0
for k, v in pairs(t) do
  t[k] = nil
  n = n + v
end
print(n, next(t))

-- many distinct keys added and removed (a set of names), then reused
local set = {}
for round = 1, 5 do
  for i = 1, 100 do set["user" .. round .. "_" .. i] = true end
  for i = 1, 100, 2 do set["user" .. round .. "_" .. i] = nil end
end
local count = 0
for _ in pairs(set) do count = count + 1 end
print(count, set.user1_2, set.user1_1, set.user5_100)
for k in pairs(set) do set[k] = nil end
print(next(set))
set.x = 1
print(keys(set))

-- objects whose fields are cleared keep working with methods from the class
local C = {}
C.__index = C
function C:get() return self.v end
local objs = {}
for i = 1, 10 do objs[i] = setmetatable({ v = i, tmp = true }, C) end
for i = 1, 10, 2 do objs[i].tmp = nil end
local s = 0
for i = 1, 10 do s = s + objs[i]:get() + (objs[i].tmp and 100 or 0) end
print(s)
