local t = {}
local x = 12345
for i = 1, 200 do x = (x * 1103515245 + 12345) % 2147483648; t[i] = x % 1000 end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, #t, t[1] <= t[200])
local words = {}
for i = 1, 50 do words[i] = string.char(97 + (i * 7) % 26) .. string.char(97 + (i * 3) % 26) end
table.sort(words)
print(words[1], words[50])
table.sort(words, function(a, b) return a > b end)
print(words[1], words[50])
