local t = setmetatable({}, { __pairs = function(self)
  local i = 0
  return function()
    i = i + 1
    if i <= 3 then return i, i * i end
  end, self, nil
end })
for k, v in pairs(t) do print(k, v) end
local proxy = setmetatable({}, { __pairs = function() return next, { a = 1 }, nil end })
for k, v in pairs(proxy) do print(k, v) end
local ip = setmetatable({}, { __index = function(_, i) if i < 4 then return i end end })
local n = 0
for _, v in ipairs(ip) do n = n + v end
print(n)
