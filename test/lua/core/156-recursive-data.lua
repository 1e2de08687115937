local function sum(t)
  local s = 0
  for _, v in ipairs(t) do
    if type(v) == "table" then s = s + sum(v) else s = s + v end
  end
  return s
end
print(sum({ 1, { 2, 3, { 4, { 5 } } }, 6 }))
local function depth(t)
  local d = 0
  for _, v in ipairs(t) do if type(v) == "table" then d = math.max(d, depth(v)) end end
  return d + 1
end
print(depth({ {}, { {} }, { { { {} } } } }))
local function flatten(t, out)
  out = out or {}
  for _, v in ipairs(t) do if type(v) == "table" then flatten(v, out) else out[#out + 1] = v end end
  return out
end
print(table.concat(flatten({ 1, { 2, { 3, 4 } }, 5 }), ","))
