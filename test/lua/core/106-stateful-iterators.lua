local function words(s)
  local pos = 1
  return function()
    local st, en = s:find("%a+", pos)
    if st then pos = en + 1; return s:sub(st, en) end
  end
end
for w in words("the quick brown fox") do print(w) end
local function fibs(n)
  local a, b, i = 0, 1, 0
  return function()
    i = i + 1
    if i > n then return nil end
    a, b = b, a + b
    return i, a
  end
end
for i, f in fibs(10) do print(i, f) end
