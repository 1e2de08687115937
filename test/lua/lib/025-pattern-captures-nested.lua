print(("2024-01-15"):match("((%d+)-(%d+))-(%d+)"))
print(("abc"):match("((a)(b))"))
print(("hello world"):match("(h(e(l+)o))"))
print(("key"):match("()(k)()"))
print(pcall(string.match, "x", "()"))
local t = {}
for a, b in ("a1b2c3"):gmatch("(%a)(%d)") do t[#t + 1] = b .. a end
print(table.concat(t, ","))
