-- Method lookup through class chains of every depth, with changes made while the program runs.
local function class(super)
  local c = {}
  c.__index = c
  if super then setmetatable(c, { __index = super }) end
  return c
end
local A = class()
function A:name() return "A" end
function A:who() return "A.who " .. self:name() end
function A:depth() return 1 end
local B = class(A)
function B:name() return "B" end
local C = class(B)
function C:depth() return 3 end
local D = class(C)
local E = class(D)
local F = class(E)
local objs = {
  setmetatable({}, A), setmetatable({}, B), setmetatable({}, C),
  setmetatable({}, D), setmetatable({}, E), setmetatable({}, F),
}
local function show()
  local out = {}
  for i, o in ipairs(objs) do out[i] = o:who() .. "/" .. o:depth() end
  print(table.concat(out, " "))
end
for _ = 1, 3 do show() end
-- redefine a method high in the chain, then shadow it lower down, then remove the shadow
function A:who() return "A.who2 " .. self:name() end
show()
function D:who() return "D.who" end
show()
D.who = nil
show()
-- an instance field shadows the class
objs[6].name = function() return "own" end
show()
-- a level whose __index is a function
setmetatable(C, { __index = function(t, k) return function() return "fn:" .. k end end })
show()
print(objs[6]:unknown(), objs[3]:other())
-- a class table with many keys (stored past the record limit)
for i = 1, 300 do B["m" .. i] = function() return i end end
setmetatable(C, { __index = B })
print(objs[6]:m7(), objs[4]:m300(), objs[2]:m1())
-- swapping an object's class
setmetatable(objs[1], F)
show()
-- calling a missing method
local ok, err = pcall(function() local o = setmetatable({}, D); return o:missing() end)
print(ok, err)
-- self is not a table
ok, err = pcall(function() local s = 5; return s:foo() end)
print(ok, err)
print(("abc"):upper(), ("x"):rep(3))
-- an object with many fields (stored past the record limit) shadowing a class method
local big = setmetatable({}, A)
for i = 1, 200 do big["f" .. i] = i end
big.name = function() return "bigown" end
print(big:who(), big:name(), big.f150)
