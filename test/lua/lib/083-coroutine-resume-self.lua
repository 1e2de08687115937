local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  return "ok"
end)
print(coroutine.resume(co))
local main_like = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.status(main_like) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(main_like))
print(pcall(coroutine.resume))
