-- calling a non-callable value fails only after its arguments are evaluated
local a = {x = 13}
local log = {}
local function note(s) log[#log + 1] = s; return s end
print(pcall(function() return a.x(23 + a) end))
print(pcall(function() a.x(note("arg1")) end))
local n
print(pcall(function() n(note("arg2"), note("arg3")) end))
print(pcall(function() a:y(note("arg4")) end))
print(pcall(function() return (nil)(note("arg5")) end))
print(table.concat(log, " "))
-- the same inside a coroutine
local co = coroutine.wrap(function()
  local ok, e = pcall(function() n(note("arg6")) end)
  coroutine.yield(e)
  return pcall(function() return a.x(a + 1) end)
end)
print(co())
print(co())
print(log[#log])
-- a __call chain still works
local c = setmetatable({}, {__call = function(self, v) return v * 2 end})
