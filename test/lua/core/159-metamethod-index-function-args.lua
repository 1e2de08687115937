local seen = {}
local t = setmetatable({}, { __index = function(tab, key)
  seen[#seen + 1] = type(tab) .. ":" .. tostring(key)
  return nil
end })
local _ = t.a, t[1], t[true], t[2.5]
print(table.concat(seen, " "))
local p = setmetatable({}, { __newindex = function(tab, k, v)
  print("newindex", type(tab), k, v)
end })
p.x = 1
p[1] = nil
p.x = nil
print(rawget(p, "x"))
