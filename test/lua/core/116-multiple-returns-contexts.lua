local function mr() return "a", "b", "c" end
local t = { mr(), mr() }
print(#t, table.concat(t))
local u = { mr(), x = mr() }
print(#u, u.x)
print(#{ mr(), nil })
print(string.rep((mr()), 2), select(2, mr()))
print(math.max(mr() and 1, 2))
local a, b = mr(), "z"
print(a, b)
print(type(mr()))
print(("%s-%s-%s"):format(mr()))
local function none() end
print(#{ none(), none() }, #{ none() })
print((mr()) .. (mr()))
