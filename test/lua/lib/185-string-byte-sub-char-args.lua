-- string.byte/sub/char/len: the common argument shapes and every other one (fast and general paths).
local s = "hello\0\128\255"
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return t.n .. ":" .. table.concat(t, ",")
end
for _, i in ipairs({ -10, -9, -8, -1, 0, 1, 2, 7, 8, 9, 10 }) do
  print("byte", i, show(string.byte(s, i)), show(s:byte(i)), show(string.byte(s, i, nil)), show(string.byte(s, i, i + 1)))
end
print(show(string.byte(s)), show(string.byte("")), show(string.byte("", 1)), show(string.byte(s, nil)))
print(show(string.byte(s, 2.0)), show(string.byte(s, "3")), show(string.byte(s, -1.0)), show(string.byte(123, 2)))
print(pcall(string.byte, s, 1.5))
print(pcall(string.byte, s, "x"))
print(pcall(string.byte, nil, 1))
print(pcall(string.byte))
print(pcall(string.byte, s, {}))
print(pcall(function() return s:byte(1.5) end))
print(pcall(function() return ("x"):byte({}) end))
for _, i in ipairs({ -20, -9, -8, -3, 0, 1, 3, 8, 9, 20 }) do
  for _, j in ipairs({ -20, -9, -8, -3, -1, 0, 1, 3, 8, 9, 20 }) do
    local a = string.sub(s, i, j)
    local b = s:sub(i)
    print("sub", i, j, #a, a == s:sub(i, j), #b, string.sub(s, i, nil) == b)
  end
end
print(string.sub(s, 2.0, 3.0), string.sub(s, "2", "3"), string.sub(12345, 2, 3), string.sub(12345, -2))
print(pcall(string.sub, s))
print(pcall(string.sub, s, 1.5))
print(pcall(string.sub, s, 1, 2.5))
print(pcall(string.sub, s, nil))
print(pcall(string.sub, s, 1, {}))
print(pcall(function() return s:sub() end))
print(pcall(function() return s:sub(1, "z") end))
print(pcall(string.sub, {}, 1))
print(string.sub(s, math.mininteger, math.maxinteger) == s, string.sub(s, math.maxinteger), string.sub(s, 2, math.mininteger))
print(string.char(), string.char(65), string.char(65, 66), string.char(0):byte(), string.char(255):byte(), string.char("65"), string.char(65.0))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
print(pcall(string.char, 65.5))
print(pcall(string.char, 65, 256))
print(pcall(string.char, nil))
print(pcall(string.char, "x"))
print(pcall(string.char, math.maxinteger))
print(string.len(s), s:len(), string.len(""), string.len(12.5), pcall(string.len))
print(pcall(string.len, nil))
print(pcall(string.len, {}))
