local log = {}
local co = coroutine.create(function()
  local a <close> = setmetatable({}, { __close = function() log[#log + 1] = "a" end })
  local b <close> = setmetatable({}, { __close = function() log[#log + 1] = "b" end })
  coroutine.yield(1)
  log[#log + 1] = "never"
end)
print(coroutine.resume(co))
print(coroutine.close(co))
print(table.concat(log, ","), coroutine.status(co))
print(coroutine.close(co))
local co2 = coroutine.wrap(function()
  local r <close> = setmetatable({}, { __close = function() print("closed on normal end") end })
  coroutine.yield("y")
  return "ret"
end)
print(co2())
print(co2())
