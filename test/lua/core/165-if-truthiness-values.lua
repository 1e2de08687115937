local vals = { 0, "", "false", {}, -1, 0.0, false, nil }
for i = 1, 8 do
  if vals[i] then print(i, "truthy") else print(i, "falsy") end
end
local x
if x == nil and not x then print("nil checks") end
local a = nil
local b = a == nil and "was nil" or "not nil"
print(b)
