local co = coroutine.create(function()
  local ok, v = pcall(function()
    local x = coroutine.yield("yield in pcall")
    if x == "fail" then error("failed after yield", 0) end
    return x
  end)
  coroutine.yield("pcall returned", ok, v)
  local ok2, v2 = pcall(function()
    coroutine.yield("second")
    error("err2", 0)
  end)
  return "end", ok2, v2
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "value"))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
