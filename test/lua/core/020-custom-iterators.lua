local function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
for v in range(4) do print(v) end
local function iter(s, c)
  if c < s then return c + 1, (c + 1) ^ 2 end
end
for i, sq in iter, 3, 0 do print(i, sq) end
local function chars(str)
  return function(s, i)
    i = i + 1
    if i <= #s then return i, s:sub(i, i) end
  end, str, 0
end
for i, c in chars("abc") do print(i, c) end
