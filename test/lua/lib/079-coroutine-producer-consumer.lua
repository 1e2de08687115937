local function producer()
  return coroutine.create(function()
    for _, item in ipairs({ "apple", "banana", "cherry" }) do coroutine.yield(item) end
    return nil
  end)
end
local function filter(prod)
  return coroutine.create(function()
    while true do
      local _, item = coroutine.resume(prod)
      if not item then return nil end
      coroutine.yield(item:upper())
    end
  end)
end
local function consumer(prod)
  local out = {}
  while true do
    local _, item = coroutine.resume(prod)
    if not item then break end
    out[#out + 1] = item
  end
  return table.concat(out, ",")
end
print(consumer(filter(producer())))
