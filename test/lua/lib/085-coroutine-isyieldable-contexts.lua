local results = {}
local co = coroutine.create(function()
  results[#results + 1] = tostring(coroutine.isyieldable())
  pcall(function() results[#results + 1] = tostring(coroutine.isyieldable()) end)
  table.sort({ 2, 1 }, function(a, b)
    results[#results + 1] = "sort:" .. tostring(coroutine.isyieldable())
    return a < b
  end)
end)
coroutine.resume(co)
print(table.concat(results, " "))
print(coroutine.isyieldable(co))
