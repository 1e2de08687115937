-- DeltaBlue incremental constraint solver (John Maloney / Mario Wolczko),
-- port of the V8/Octane JavaScript version: class hierarchy via metatables,
-- polymorphic method calls, small collections.
local N = 100           -- chain length / projection size (Octane uses 100)
local ITERATIONS = 40   -- number of deltaBlue() runs

local failures = 0
local function alert(msg)
  failures = failures + 1
  if failures <= 5 then print("FAILURE: " .. msg) end
end

local function class(super)
  local c = {}
  c.__index = c
  if super then setmetatable(c, { __index = super }) end
  return c
end

-- OrderedCollection --------------------------------------------------------
local OrderedCollection = class()
function OrderedCollection.new()
  return setmetatable({ elms = {}, n = 0 }, OrderedCollection)
end
function OrderedCollection:add(elm)
  local n = self.n + 1
  self.n = n
  self.elms[n] = elm
end
function OrderedCollection:at(index) return self.elms[index] end
function OrderedCollection:size() return self.n end
function OrderedCollection:removeFirst()
  local n = self.n
  if n == 0 then return nil end
  self.n = n - 1
  return table.remove(self.elms, 1)
end
function OrderedCollection:remove(elm)
  local elms, index, skipped = self.elms, 1, 0
  local n = self.n
  for i = 1, n do
    local value = elms[i]
    if value ~= elm then
      elms[index] = value
      index = index + 1
    else
      skipped = skipped + 1
    end
  end
  for i = index, n do elms[i] = nil end
  self.n = n - skipped
end

-- Strength -------------------------------------------------------------------
local Strength = class()
function Strength.new(strengthValue, name)
  return setmetatable({ strengthValue = strengthValue, name = name }, Strength)
end
function Strength.stronger(s1, s2) return s1.strengthValue < s2.strengthValue end
function Strength.weaker(s1, s2) return s1.strengthValue > s2.strengthValue end
function Strength.weakestOf(s1, s2)
  if Strength.weaker(s1, s2) then return s1 else return s2 end
end
function Strength.strongest(s1, s2)
  if Strength.stronger(s1, s2) then return s1 else return s2 end
end

local REQUIRED = Strength.new(0, "required")
local STRONG_PREFERRED = Strength.new(1, "strongPreferred")
local PREFERRED = Strength.new(2, "preferred")
local STRONG_DEFAULT = Strength.new(3, "strongDefault")
local NORMAL = Strength.new(4, "normal")
local WEAK_DEFAULT = Strength.new(5, "weakDefault")
local WEAKEST = Strength.new(6, "weakest")

-- (faithful to the Octane version, including its mapping)
function Strength:nextWeaker()
  local v = self.strengthValue
  if v == 0 then return WEAKEST
  elseif v == 1 then return WEAK_DEFAULT
  elseif v == 2 then return NORMAL
  elseif v == 3 then return STRONG_DEFAULT
  elseif v == 4 then return PREFERRED
  elseif v == 5 then return REQUIRED
  end
end

local planner -- current Planner

-- Constraint -----------------------------------------------------------------
local Constraint = class()

function Constraint:addConstraint()
  self:addToGraph()
  planner:incrementalAdd(self)
end

function Constraint:satisfy(mark)
  self:chooseMethod(mark)
  if not self:isSatisfied() then
    if self.strength == REQUIRED then alert("Could not satisfy a required constraint!") end
    return nil
  end
  self:markInputs(mark)
  local out = self:output()
  local overridden = out.determinedBy
  if overridden ~= nil then overridden:markUnsatisfied() end
  out.determinedBy = self
  if not planner:addPropagate(self, mark) then alert("Cycle encountered") end
  out.mark = mark
  return overridden
end

function Constraint:destroyConstraint()
  if self:isSatisfied() then
    planner:incrementalRemove(self)
  else
    self:removeFromGraph()
  end
end

function Constraint:isInput() return false end

-- UnaryConstraint ------------------------------------------------------------
local UnaryConstraint = class(Constraint)

local function initUnary(self, v, strength)
  self.strength = strength
  self.myOutput = v
  self.satisfied = false
  self:addConstraint()
  return self
end

function UnaryConstraint:addToGraph()
  self.myOutput:addConstraint(self)
  self.satisfied = false
end

function UnaryConstraint:chooseMethod(mark)
  self.satisfied = (self.myOutput.mark ~= mark)
    and Strength.stronger(self.strength, self.myOutput.walkStrength)
end

function UnaryConstraint:isSatisfied() return self.satisfied end
function UnaryConstraint:markInputs(mark) end
function UnaryConstraint:output() return self.myOutput end

function UnaryConstraint:recalculate()
  self.myOutput.walkStrength = self.strength
  self.myOutput.stay = not self:isInput()
  if self.myOutput.stay then self:execute() end
end

function UnaryConstraint:markUnsatisfied() self.satisfied = false end
function UnaryConstraint:inputsKnown() return true end

function UnaryConstraint:removeFromGraph()
  if self.myOutput ~= nil then self.myOutput:removeConstraint(self) end
  self.satisfied = false
end

-- StayConstraint -------------------------------------------------------------
local StayConstraint = class(UnaryConstraint)
function StayConstraint.new(v, str)
  return initUnary(setmetatable({}, StayConstraint), v, str)
end
function StayConstraint:execute() end

-- EditConstraint -------------------------------------------------------------
local EditConstraint = class(UnaryConstraint)
function EditConstraint.new(v, str)
  return initUnary(setmetatable({}, EditConstraint), v, str)
end
function EditConstraint:isInput() return true end
function EditConstraint:execute() end

-- BinaryConstraint -----------------------------------------------------------
local NONE, FORWARD, BACKWARD = 1, 2, 0

local BinaryConstraint = class(Constraint)

local function initBinary(self, var1, var2, strength)
  self.strength = strength
  self.v1 = var1
  self.v2 = var2
  self.direction = NONE
  self:addConstraint()
  return self
end

function BinaryConstraint:chooseMethod(mark)
  if self.v1.mark == mark then
    if self.v2.mark ~= mark and Strength.stronger(self.strength, self.v2.walkStrength) then
      self.direction = FORWARD
    else
      self.direction = NONE
    end
  end
  if self.v2.mark == mark then
    if self.v1.mark ~= mark and Strength.stronger(self.strength, self.v1.walkStrength) then
      self.direction = BACKWARD
    else
      self.direction = NONE
    end
  end
  if Strength.weaker(self.v1.walkStrength, self.v2.walkStrength) then
    if Strength.stronger(self.strength, self.v1.walkStrength) then
      self.direction = BACKWARD
    else
      self.direction = NONE
    end
  else
    if Strength.stronger(self.strength, self.v2.walkStrength) then
      self.direction = FORWARD
    else
      self.direction = BACKWARD
    end
  end
end

function BinaryConstraint:addToGraph()
  self.v1:addConstraint(self)
  self.v2:addConstraint(self)
  self.direction = NONE
end

function BinaryConstraint:isSatisfied() return self.direction ~= NONE end
function BinaryConstraint:markInputs(mark) self:input().mark = mark end

function BinaryConstraint:input()
  if self.direction == FORWARD then return self.v1 else return self.v2 end
end

function BinaryConstraint:output()
  if self.direction == FORWARD then return self.v2 else return self.v1 end
end

function BinaryConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walkStrength = Strength.weakestOf(self.strength, ihn.walkStrength)
  out.stay = ihn.stay
  if out.stay then self:execute() end
end

function BinaryConstraint:markUnsatisfied() self.direction = NONE end

function BinaryConstraint:inputsKnown(mark)
  local i = self:input()
  return i.mark == mark or i.stay or i.determinedBy == nil
end

function BinaryConstraint:removeFromGraph()
  if self.v1 ~= nil then self.v1:removeConstraint(self) end
  if self.v2 ~= nil then self.v2:removeConstraint(self) end
  self.direction = NONE
end

-- ScaleConstraint ------------------------------------------------------------
local ScaleConstraint = class(BinaryConstraint)

function ScaleConstraint.new(src, scale, offset, dest, strength)
  local self = setmetatable({}, ScaleConstraint)
  self.direction = NONE
  self.scale = scale
  self.offset = offset
  return initBinary(self, src, dest, strength)
end

function ScaleConstraint:addToGraph()
  BinaryConstraint.addToGraph(self)
  self.scale:addConstraint(self)
  self.offset:addConstraint(self)
end

function ScaleConstraint:removeFromGraph()
  BinaryConstraint.removeFromGraph(self)
  if self.scale ~= nil then self.scale:removeConstraint(self) end
  if self.offset ~= nil then self.offset:removeConstraint(self) end
end

function ScaleConstraint:markInputs(mark)
  BinaryConstraint.markInputs(self, mark)
  self.scale.mark = mark
  self.offset.mark = mark
end

function ScaleConstraint:execute()
  if self.direction == FORWARD then
    self.v2.value = self.v1.value * self.scale.value + self.offset.value
  else
    self.v1.value = (self.v2.value - self.offset.value) / self.scale.value
  end
end

function ScaleConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walkStrength = Strength.weakestOf(self.strength, ihn.walkStrength)
  out.stay = ihn.stay and self.scale.stay and self.offset.stay
  if out.stay then self:execute() end
end

-- EqualityConstraint ---------------------------------------------------------
local EqualityConstraint = class(BinaryConstraint)
function EqualityConstraint.new(var1, var2, strength)
  return initBinary(setmetatable({}, EqualityConstraint), var1, var2, strength)
end
function EqualityConstraint:execute()
  self:output().value = self:input().value
end

-- Variable -------------------------------------------------------------------
local Variable = class()
function Variable.new(name, initialValue)
  return setmetatable({
    value = initialValue or 0,
    constraints = OrderedCollection.new(),
    determinedBy = nil,
    mark = 0,
    walkStrength = WEAKEST,
    stay = true,
    name = name,
  }, Variable)
end
function Variable:addConstraint(c) self.constraints:add(c) end
function Variable:removeConstraint(c)
  self.constraints:remove(c)
  if self.determinedBy == c then self.determinedBy = nil end
end

-- Plan -----------------------------------------------------------------------
local Plan = class()
function Plan.new() return setmetatable({ v = OrderedCollection.new() }, Plan) end
function Plan:addConstraint(c) self.v:add(c) end
function Plan:size() return self.v:size() end
function Plan:constraintAt(index) return self.v:at(index) end
function Plan:execute()
  for i = 1, self:size() do
    local c = self:constraintAt(i)
    c:execute()
  end
end

-- Planner --------------------------------------------------------------------
local Planner = class()
function Planner.new() return setmetatable({ currentMark = 0 }, Planner) end

function Planner:incrementalAdd(c)
  local mark = self:newMark()
  local overridden = c:satisfy(mark)
  while overridden ~= nil do overridden = overridden:satisfy(mark) end
end

function Planner:incrementalRemove(c)
  local out = c:output()
  c:markUnsatisfied()
  c:removeFromGraph()
  local unsatisfied = self:removePropagateFrom(out)
  local strength = REQUIRED
  repeat
    for i = 1, unsatisfied:size() do
      local u = unsatisfied:at(i)
      if u.strength == strength then self:incrementalAdd(u) end
    end
    strength = strength:nextWeaker()
  until strength == WEAKEST
end

function Planner:newMark()
  self.currentMark = self.currentMark + 1
  return self.currentMark
end

function Planner:makePlan(sources)
  local mark = self:newMark()
  local plan = Plan.new()
  local todo = sources
  while todo:size() > 0 do
    local c = todo:removeFirst()
    if c:output().mark ~= mark and c:inputsKnown(mark) then
      plan:addConstraint(c)
      c:output().mark = mark
      self:addConstraintsConsumingTo(c:output(), todo)
    end
  end
  return plan
end

function Planner:extractPlanFromConstraints(constraints)
  local sources = OrderedCollection.new()
  for i = 1, constraints:size() do
    local c = constraints:at(i)
    if c:isInput() and c:isSatisfied() then sources:add(c) end
  end
  return self:makePlan(sources)
end

function Planner:addPropagate(c, mark)
  local todo = OrderedCollection.new()
  todo:add(c)
  while todo:size() > 0 do
    local d = todo:removeFirst()
    if d:output().mark == mark then
      self:incrementalRemove(c)
      return false
    end
    d:recalculate()
    self:addConstraintsConsumingTo(d:output(), todo)
  end
  return true
end

function Planner:removePropagateFrom(out)
  out.determinedBy = nil
  out.walkStrength = WEAKEST
  out.stay = true
  local unsatisfied = OrderedCollection.new()
  local todo = OrderedCollection.new()
  todo:add(out)
  while todo:size() > 0 do
    local v = todo:removeFirst()
    for i = 1, v.constraints:size() do
      local c = v.constraints:at(i)
      if not c:isSatisfied() then unsatisfied:add(c) end
    end
    local determining = v.determinedBy
    for i = 1, v.constraints:size() do
      local nxt = v.constraints:at(i)
      if nxt ~= determining and nxt:isSatisfied() then
        nxt:recalculate()
        todo:add(nxt:output())
      end
    end
  end
  return unsatisfied
end

function Planner:addConstraintsConsumingTo(v, coll)
  local determining = v.determinedBy
  local cc = v.constraints
  for i = 1, cc:size() do
    local c = cc:at(i)
    if c ~= determining and c:isSatisfied() then coll:add(c) end
  end
end

-- Tests ----------------------------------------------------------------------
local checksum = 0

local function chainTest(n)
  planner = Planner.new()
  local prev, first, last = nil, nil, nil
  for i = 0, n do
    local name = "v" .. i
    local v = Variable.new(name)
    if prev ~= nil then EqualityConstraint.new(prev, v, REQUIRED) end
    if i == 0 then first = v end
    if i == n then last = v end
    prev = v
  end
  StayConstraint.new(last, STRONG_DEFAULT)
  local edit = EditConstraint.new(first, PREFERRED)
  local edits = OrderedCollection.new()
  edits:add(edit)
  local plan = planner:extractPlanFromConstraints(edits)
  for i = 0, 99 do
    first.value = i
    plan:execute()
    if last.value ~= i then alert("Chain test failed.") end
    checksum = checksum + last.value
  end
end

local function change(v, newValue)
  local edit = EditConstraint.new(v, PREFERRED)
  local edits = OrderedCollection.new()
  edits:add(edit)
  local plan = planner:extractPlanFromConstraints(edits)
  for _ = 1, 10 do
    v.value = newValue
    plan:execute()
  end
  edit:destroyConstraint()
end

local function projectionTest(n)
  planner = Planner.new()
  local scale = Variable.new("scale", 10)
  local offset = Variable.new("offset", 1000)
  local src, dst = nil, nil
  local dests = OrderedCollection.new()
  for i = 0, n - 1 do
    src = Variable.new("src" .. i, i)
    dst = Variable.new("dst" .. i, i)
    dests:add(dst)
    StayConstraint.new(src, NORMAL)
    ScaleConstraint.new(src, scale, offset, dst, REQUIRED)
  end
  change(src, 17)
  if dst.value ~= 1170 then alert("Projection 1 failed") end
  change(dst, 1050)
  if src.value ~= 5 then alert("Projection 2 failed") end
  change(scale, 5)
  for i = 0, n - 2 do
    if dests:at(i + 1).value ~= i * 5 + 1000 then alert("Projection 3 failed") end
  end
  change(offset, 2000)
  for i = 0, n - 2 do
    if dests:at(i + 1).value ~= i * 5 + 2000 then alert("Projection 4 failed") end
  end
  for i = 1, dests:size() do checksum = checksum + dests:at(i).value end
  checksum = checksum + src.value
end

for _ = 1, ITERATIONS do
  chainTest(N)
  projectionTest(N)
end
print(string.format("failures %d", failures))
print(string.format("checksum %d", math.floor(checksum)))
