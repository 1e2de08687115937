local s = ""
for i = 1, 100 do s = s .. i end
print(#s, s:sub(1, 20), s:sub(-10))
local parts = {}
for i = 1, 1000 do parts[#parts + 1] = string.char(65 + i % 26) end
local joined = table.concat(parts)
print(#joined, joined:sub(1, 30))
local big = ("ab"):rep(10000)
print(#big, big:sub(19999))
local x = 1 .. 2 .. 3
print(x, type(x))
print("a" .. 1.5 .. 2, 2 .. "")
