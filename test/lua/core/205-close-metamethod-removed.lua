-- a <close> value whose __close was removed before the block ends: the call of nil fails
local function foo ()
  local xyz <close> = setmetatable({}, {__close = print})
  getmetatable(xyz).__close = nil
  return 1
end
local ok, msg = pcall(foo)
print(ok, (msg:gsub("^.-:%d+: ", "")))
-- the other variables are still closed, and see the error
local log = {}
local function bar ()
  local a <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = "a:" .. tostring(e):gsub("^.-:%d+: ", "") end})
  local b <close> = setmetatable({}, {__close = print})
  getmetatable(b).__close = nil
end
ok, msg = pcall(bar)
print(ok, (msg:gsub("^.-:%d+: ", "")))
print(log[1])
-- a removed __close on a false/nil value is irrelevant
do local c <close> = nil end
print("done")
