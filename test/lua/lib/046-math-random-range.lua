math.randomseed(42)
local ok = true
for i = 1, 100 do local r = math.random(); if r < 0 or r >= 1 then ok = false end end
print(ok)
ok = true
for i = 1, 100 do local r = math.random(10); if r < 1 or r > 10 or math.type(r) ~= "integer" then ok = false end end
print(ok)
ok = true
for i = 1, 100 do local r = math.random(-5, 5); if r < -5 or r > 5 then ok = false end end
print(ok)
print(math.random(3, 3), math.type(math.random(0)))
print(pcall(math.random, 2, 1))
print(math.type(select(2, pcall(math.random, 0))))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, 1.5))
