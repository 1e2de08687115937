local s = "abc"
print(s.len == string.len, s.upper == string.upper)
print(s:len(), ("abc").sub(s, 2))
print(pcall(function() return s.nonexistent() end))
print(#s, s[1], s.x)
local n = 5
print(pcall(function() return n:foo() end))
string.custom = function(self) return "custom:" .. self end
print(s:custom())
string.custom = nil
