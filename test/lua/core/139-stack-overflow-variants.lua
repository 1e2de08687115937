local function contains(m) return type(m) == "string" and m:find("stack overflow", 1, true) ~= nil end
local function a() return 1 + a() end
local ok, m = pcall(a)
print(ok, contains(m))
local mt = {}
mt.__index = function(t, k) return t[k .. "x"] end
local t = setmetatable({}, mt)
ok, m = pcall(function() return t.a end)
print(ok, contains(m))
local function b(n) local x = { n } ; return b(n + 1) + 1 end
ok, m = pcall(b, 1)
print(ok, contains(m))
