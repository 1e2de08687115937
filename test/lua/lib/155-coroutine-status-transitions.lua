local log = {}
local co
co = coroutine.create(function(x)
  log[#log + 1] = coroutine.status(co)
  local y = coroutine.yield(x + 1)
  log[#log + 1] = "got " .. y
  return y * 2
end)
log[#log + 1] = coroutine.status(co)
local ok, v = coroutine.resume(co, 1)
log[#log + 1] = tostring(ok) .. " " .. v .. " " .. coroutine.status(co)
ok, v = coroutine.resume(co, 5)
log[#log + 1] = tostring(ok) .. " " .. v .. " " .. coroutine.status(co)
for _, l in ipairs(log) do print(l) end
print(coroutine.resume(co))
print(coroutine.resume(coroutine.create(function() return end)))
print(select("#", coroutine.resume(coroutine.create(function() return nil, nil end))))
