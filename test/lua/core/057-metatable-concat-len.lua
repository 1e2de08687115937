local mt = { __concat = function(a, b)
  local function s(x) return type(x) == "table" and ("<" .. x.n .. ">") or tostring(x) end
  return s(a) .. s(b)
end, __len = function(t) return 42 end }
local a = setmetatable({ n = "A" }, mt)
print(a .. "x", "x" .. a, a .. a, 1 .. a)
print("p" .. "q" .. a .. "r")
print(#a, rawlen(a))
local str = setmetatable({}, { __len = function() return "not a number" end })
print(#str)
print(pcall(function() return {} .. "x" end))
print(pcall(function() return #nil end))
