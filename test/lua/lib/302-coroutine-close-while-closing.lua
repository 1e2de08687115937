-- while coroutine.close runs its pending __close handlers, the coroutine counts as running
local function func2close (f)
  return setmetatable({}, {__close = f})
end
local co
co = coroutine.create(function()
  local x <close> = func2close(function()
    print("closing; status", coroutine.status(co))
    print(pcall(coroutine.close, co))
    coroutine.close(co)
  end)
  coroutine.yield(20)
end)
print(coroutine.resume(co))
local st, msg = coroutine.close(co)
print(st, (msg:gsub("^.-:%d+: ", "")))
print(coroutine.status(co), coroutine.close(co))
