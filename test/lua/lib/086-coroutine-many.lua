local cos = {}
for i = 1, 5 do
  cos[i] = coroutine.create(function(x)
    local total = x
    while true do
      local y = coroutine.yield(total)
      if y == nil then break end
      total = total + y
    end
    return "final", total
  end)
end
for i = 1, 5 do coroutine.resume(cos[i], i) end
for round = 1, 3 do
  local row = {}
  for i = 1, 5 do local _, v = coroutine.resume(cos[i], round * i); row[i] = v end
  print(table.concat(row, " "))
end
for i = 1, 5 do print(coroutine.resume(cos[i])) end
