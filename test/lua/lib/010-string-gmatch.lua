for w in string.gmatch("one two three", "%a+") do print(w) end
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
for pos, c in ("abc"):gmatch("()(.)") do print(pos, c) end
local n = 0
for _ in ("aaa"):gmatch("") do n = n + 1 end
print(n)
for m in ("hello"):gmatch("^h") do print("anchored", m) end
for m in ("x1y22z333"):gmatch("%d+") do print(m) end
for m in ("abcabc"):gmatch("b", 3) do print("init", m) end
