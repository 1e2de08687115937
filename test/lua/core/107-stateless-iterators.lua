local function iter(t, i)
  i = i + 1
  local v = t[i]
  if v ~= nil then return i, v end
end
local function myipairs(t) return iter, t, 0 end
for i, v in myipairs({ "x", "y", "z" }) do print(i, v) end
local function revnext(t, i)
  i = i - 1
  if i > 0 then return i, t[i] end
end
local arr = { 1, 2, 3 }
for i, v in revnext, arr, #arr + 1 do print(i, v) end
for k, v in next, { 7 } do print(k, v) end
print(pcall(function() for x in 42 do end end))
print(pcall(function() for x in nil do end end))
