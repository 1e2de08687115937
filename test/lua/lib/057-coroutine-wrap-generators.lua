local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
for v in range(4) do print(v) end
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
for p in coroutine.wrap(function() permgen({ 1, 2, 3 }) end) do print(table.concat(p, " ")) end
local gen = coroutine.wrap(function() coroutine.yield(1) end)
print(gen(), gen())
print(pcall(gen))
