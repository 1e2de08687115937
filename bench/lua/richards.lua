-- Richards benchmark (OS task scheduler simulation), port of the classic
-- Martin Richards benchmark as found in V8/Octane, written with metatables
-- and method calls. Task state bits are represented as booleans (no bitwise ops).
local COUNT = 1000        -- idle task count per run (Octane uses 1000)
local ITERATIONS = 80     -- number of complete runs

local ID_IDLE = 1
local ID_WORKER = 2
local ID_HANDLER_A = 3
local ID_HANDLER_B = 4
local ID_DEVICE_A = 5
local ID_DEVICE_B = 6

local KIND_DEVICE = 0
local KIND_WORK = 1

local DATA_SIZE = 4

-- Packet ---------------------------------------------------------------
local Packet = {}
Packet.__index = Packet

function Packet.new(link, id, kind)
  local a2 = {}
  for i = 1, DATA_SIZE do a2[i] = 0 end
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = a2 }, Packet)
end

function Packet:addTo(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  local peek = next.link
  while peek ~= nil do
    next = peek
    peek = next.link
  end
  next.link = self
  return queue
end

-- TaskControlBlock -------------------------------------------------------
local TaskControlBlock = {}
TaskControlBlock.__index = TaskControlBlock

function TaskControlBlock.new(link, id, priority, queue, task)
  local tcb = setmetatable({
    link = link, id = id, priority = priority, queue = queue, task = task,
    packetPending = false, taskWaiting = false, taskHolding = false,
  }, TaskControlBlock)
  if queue == nil then
    tcb.taskWaiting = true                       -- STATE_SUSPENDED
  else
    tcb.taskWaiting = true; tcb.packetPending = true  -- STATE_SUSPENDED_RUNNABLE
  end
  return tcb
end

function TaskControlBlock:setRunning()
  self.packetPending = false; self.taskWaiting = false; self.taskHolding = false
end

function TaskControlBlock:markAsNotHeld() self.taskHolding = false end
function TaskControlBlock:markAsHeld() self.taskHolding = true end
function TaskControlBlock:markAsSuspended() self.taskWaiting = true end
function TaskControlBlock:markAsRunnable() self.packetPending = true end

function TaskControlBlock:isHeldOrSuspended()
  return self.taskHolding or (self.taskWaiting and not self.packetPending)
end

function TaskControlBlock:run()
  local packet
  if self.taskWaiting and self.packetPending and not self.taskHolding then
    packet = self.queue
    self.queue = packet.link
    if self.queue == nil then
      self:setRunning()
    else
      self.packetPending = true; self.taskWaiting = false; self.taskHolding = false
    end
  else
    packet = nil
  end
  return self.task:run(packet)
end

function TaskControlBlock:checkPriorityAdd(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:markAsRunnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:addTo(self.queue)
  end
  return task
end

-- Scheduler --------------------------------------------------------------
local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({
    queueCount = 0, holdCount = 0, blocks = {}, list = nil,
    currentTcb = nil, currentId = nil,
  }, Scheduler)
end

-- forward declarations of task classes
local IdleTask, DeviceTask, WorkerTask, HandlerTask = {}, {}, {}, {}
IdleTask.__index = IdleTask
DeviceTask.__index = DeviceTask
WorkerTask.__index = WorkerTask
HandlerTask.__index = HandlerTask

function Scheduler:addTask(id, priority, queue, task)
  self.currentTcb = TaskControlBlock.new(self.list, id, priority, queue, task)
  self.list = self.currentTcb
  self.blocks[id] = self.currentTcb
end

function Scheduler:addRunningTask(id, priority, queue, task)
  self:addTask(id, priority, queue, task)
  self.currentTcb:setRunning()
end

function Scheduler:addIdleTask(id, priority, queue, count)
  self:addRunningTask(id, priority, queue,
    setmetatable({ scheduler = self, v1 = 1, count = count }, IdleTask))
end

function Scheduler:addWorkerTask(id, priority, queue)
  self:addTask(id, priority, queue,
    setmetatable({ scheduler = self, v1 = ID_HANDLER_A, v2 = 0 }, WorkerTask))
end

function Scheduler:addHandlerTask(id, priority, queue)
  self:addTask(id, priority, queue,
    setmetatable({ scheduler = self, v1 = nil, v2 = nil }, HandlerTask))
end

function Scheduler:addDeviceTask(id, priority, queue)
  self:addTask(id, priority, queue,
    setmetatable({ scheduler = self, v1 = nil }, DeviceTask))
end

function Scheduler:schedule()
  self.currentTcb = self.list
  while self.currentTcb ~= nil do
    if self.currentTcb:isHeldOrSuspended() then
      self.currentTcb = self.currentTcb.link
    else
      self.currentId = self.currentTcb.id
      self.currentTcb = self.currentTcb:run()
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:markAsNotHeld()
  if tcb.priority > self.currentTcb.priority then
    return tcb
  else
    return self.currentTcb
  end
end

function Scheduler:holdCurrent()
  self.holdCount = self.holdCount + 1
  self.currentTcb:markAsHeld()
  return self.currentTcb.link
end

function Scheduler:suspendCurrent()
  self.currentTcb:markAsSuspended()
  return self.currentTcb
end

function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.currentId
  return t:checkPriorityAdd(self.currentTcb, packet)
end

-- Tasks ------------------------------------------------------------------

-- 16-bit xor without bitwise operators (Lua 5.1 compatible).
local function bxor16(a, b)
  local r, bit = 0, 1
  for _ = 1, 16 do
    local x, y = a % 2, b % 2
    if x ~= y then r = r + bit end
    a = (a - x) / 2
    b = (b - y) / 2
    bit = bit * 2
  end
  return r
end

function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:holdCurrent() end
  local v1 = self.v1
  if v1 % 2 == 0 then
    self.v1 = math.floor(v1 / 2)
    return self.scheduler:release(ID_DEVICE_A)
  else
    self.v1 = bxor16(math.floor(v1 / 2), 0xD008)
    return self.scheduler:release(ID_DEVICE_B)
  end
end

function DeviceTask:run(packet)
  if packet == nil then
    if self.v1 == nil then return self.scheduler:suspendCurrent() end
    local v = self.v1
    self.v1 = nil
    return self.scheduler:queue(v)
  else
    self.v1 = packet
    return self.scheduler:holdCurrent()
  end
end

function WorkerTask:run(packet)
  if packet == nil then
    return self.scheduler:suspendCurrent()
  end
  if self.v1 == ID_HANDLER_A then
    self.v1 = ID_HANDLER_B
  else
    self.v1 = ID_HANDLER_A
  end
  packet.id = self.v1
  packet.a1 = 1
  local a2 = packet.a2
  for i = 1, DATA_SIZE do
    self.v2 = self.v2 + 1
    if self.v2 > 26 then self.v2 = 1 end
    a2[i] = self.v2
  end
  return self.scheduler:queue(packet)
end

function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.v1 = packet:addTo(self.v1)
    else
      self.v2 = packet:addTo(self.v2)
    end
  end
  if self.v1 ~= nil then
    local count = self.v1.a1
    local v
    if count <= DATA_SIZE then
      if self.v2 ~= nil then
        v = self.v2
        self.v2 = self.v2.link
        v.a1 = self.v1.a2[count]
        self.v1.a1 = count + 1
        return self.scheduler:queue(v)
      end
    else
      v = self.v1
      self.v1 = self.v1.link
      return self.scheduler:queue(v)
    end
  end
  return self.scheduler:suspendCurrent()
end

-- Driver -----------------------------------------------------------------
local function runRichards()
  local scheduler = Scheduler.new()
  scheduler:addIdleTask(ID_IDLE, 0, nil, COUNT)

  local queue = Packet.new(nil, ID_WORKER, KIND_WORK)
  queue = Packet.new(queue, ID_WORKER, KIND_WORK)
  scheduler:addWorkerTask(ID_WORKER, 1000, queue)

  queue = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  scheduler:addHandlerTask(ID_HANDLER_A, 2000, queue)

  queue = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  scheduler:addHandlerTask(ID_HANDLER_B, 3000, queue)

  scheduler:addDeviceTask(ID_DEVICE_A, 4000, nil)
  scheduler:addDeviceTask(ID_DEVICE_B, 5000, nil)

  scheduler:schedule()
  return scheduler.queueCount, scheduler.holdCount
end

local totalQueue, totalHold = 0, 0
local qc, hc
for _ = 1, ITERATIONS do
  qc, hc = runRichards()
  totalQueue = totalQueue + qc
  totalHold = totalHold + hc
end
print(string.format("queueCount %d holdCount %d (expected 2322 928 for COUNT=1000)", qc, hc))
print(string.format("checksum %d-%d", totalQueue, totalHold))
