local t = { 1, 2, 3 }
print(#t)
t[#t + 1] = 4
print(#t)
t[#t] = nil
print(#t)
local e = {}
print(#e)
e[1] = 1
print(#e)
local s = {}
for i = 1, 100 do s[i] = i end
print(#s)
for i = 100, 51, -1 do s[i] = nil end
print(#s)
print(#"abc", #"", #{ n = 1 })
local u = { nil, nil, 3 }
print(#u == 3 or #u == 0)
