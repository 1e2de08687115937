local t = {}
for i = 1, 10 do t[i] = tostring(i * i) end
local s = table.concat(t, "+")
print(s, #s)
local acc = ""
for i = 1, 26 do acc = acc .. string.char(96 + i) end
print(acc, #acc, acc:sub(-5))
local big = ""
for i = 1, 500 do big = big .. "xy" end
print(#big, big == ("xy"):rep(500))
print(#(1 .. ""), #(1.5 .. ""), #(-1 .. ""))
