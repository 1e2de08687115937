-- A built-in run by the VM (metamethod, generic-for iterator, __close) is named by that event in
-- "bad argument" errors; called by a call expression, it keeps the call site's name
local function try(f) print(select(2, pcall(f))) end
local function with(mt) return setmetatable({}, mt) end
try(function() return with({__index = string.upper}).key end)
try(function() local o = with({__newindex = string.lower}); o.key = 1 end)
try(function() return with({__concat = string.len}) .. "tail" end)
try(function() return #with({__len = string.byte}) end)
try(function() return -with({__unm = math.floor}) end)
try(function() return with({__mul = math.sqrt}) * 2 end)
try(function() return with({__idiv = math.ceil}) // 2 end)
try(function() return with({__band = string.char}) & 1 end)
try(function() local c <close> = with({__close = string.reverse}) end)
try(function() for w in string.gmatch do end end)
try(function() for k in next, "not a table" do end end)
try(function() for i in select, "x" do end end)
try(function() local up = string.upper; return up() end)
try(function() local o = with({__call = string.upper}); return o() end)
try(function() return with({__index = function(_, k) return string.upper() end}).key end)
