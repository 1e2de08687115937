local s = [[
line1
line2]]
print(s)
print(#s)
local t = [==[
a]]b]=]c]==]
print(t)
print([[]] == "", #[[

]])
local u = [=[\n not escaped]=]
print(u, #u)
print([[a
b]] == "a\nb")
local nested = [==[ [[inner]] ]==]
print(nested)
