local log = {}
local function closer(name)
  return setmetatable({}, { __close = function(_, err) log[#log + 1] = name .. ":" .. tostring(err) end })
end
local function iter(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end, nil, nil, closer("it" .. n)
end
for i in iter(2) do print("loop", i) end
print(table.concat(log, ","))
for i in iter(5) do if i == 2 then break end end
print(table.concat(log, ","))
local function f()
  for i in iter(3) do if i == 1 then return "ret" end end
end
print(f(), table.concat(log, ","))
print(pcall(function() for i in iter(4) do error("boom", 0) end end))
print(table.concat(log, ","))
