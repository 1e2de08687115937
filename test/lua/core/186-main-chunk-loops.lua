-- Loops at the top of the main chunk: errors and their levels, closures, varargs, break, <close>.
local function check(x)
  if type(x) ~= "number" then error("number expected, got " .. type(x), 2) end
  return x
end
local sum = 0
for i = 1, 3 do sum = sum + check(i) end
print(sum)
for _, v in ipairs({ 1, "two", 3 }) do
  local ok, err = pcall(check, v)
  print(ok, err)
end
print(pcall(function()
  for i = 1, 2 do check(i > 1 and "x" or i) end
end))
-- an error raised straight from a top-level loop, with levels 1 and 2
local n = 0
while n < 2 do
  n = n + 1
  print(pcall(error, "plain", 1), pcall(error, "level2", 2))
end
local ok, e = pcall(function() local t = nil; for i = 1, 1 do return t.x end end)
print(ok, e)
-- closures made in a loop each keep their own variable
local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i * 10 end end
local k = 0
repeat k = k + 1; local j = k; fs[#fs + 1] = function() return j end until k >= 2
for _, f in ipairs(fs) do io = nil; sum = sum + f() end
print(sum, #fs)
-- varargs of the chunk inside a loop
for i = 1, select("#", ...) + 1 do print("vararg", i, (select(i, ...))) end
-- break, nested loops, and a loop variable read after the loop
local found
for i = 1, 10 do
  for j = 1, 10 do
    if i * j == 42 then found = i .. "x" .. j; break end
  end
  if found then break end
end
print(found)
-- a to-be-closed variable in a loop body is closed every iteration
for i = 1, 2 do
  local c <close> = setmetatable({}, { __close = function() print("closed", i) end })
  print("body", i)
end
-- a runtime error in a top-level loop names the local
for i = 1, 1 do
  local cfg = nil
  print(pcall(function() return cfg.name end))
end
local undefinedThing
print(select(2, pcall(function() for i = 1, 1 do undefinedThing() end end)))
for i = 1, 1 do local q = nil; print(select(2, pcall(function() return #q end))) end
