local B = setmetatable({}, { __concat = function(l, r)
  local ls = type(l) == "table" and "B" or l
  local rs = type(r) == "table" and "B" or r
  return ls .. rs
end })
print("a" .. B .. "c" .. "d")
print(B .. 1 .. 2)
print(1 .. 2 .. B)
print(pcall(function() return B .. nil end))
print(pcall(function() return true .. B end))
