local function gen(name, n)
  return coroutine.create(function()
    for i = 1, n do coroutine.yield(name .. i) end
    return name .. " done"
  end)
end
local outer = coroutine.create(function()
  local inner = gen("in", 2)
  while true do
    local ok, v = coroutine.resume(inner)
    if coroutine.status(inner) == "dead" then coroutine.yield("inner finished: " .. v) break end
    coroutine.yield("relay " .. v)
  end
  return "outer done"
end)
while true do
  local ok, v = coroutine.resume(outer)
  print(ok, v)
  if coroutine.status(outer) == "dead" then break end
end
