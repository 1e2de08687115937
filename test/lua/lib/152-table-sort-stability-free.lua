local t = { 5, 3, 5, 1, 3, 1 }
table.sort(t)
print(table.concat(t, ","))
local words = { "pear", "Apple", "fig", "apple", "Fig" }
table.sort(words)
print(table.concat(words, ","))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, ","))
local nums = { 1.5, 1, 2, -0.5, 0 }
table.sort(nums, function(a, b) return a > b end)
print(table.concat(nums, ","))
local big = {}
for i = 1, 100 do big[i] = (i * 37) % 101 end
table.sort(big)
print(big[1], big[50], big[100])
