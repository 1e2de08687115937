local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
print(count(500000, 0))
local function a(n) if n > 0 then return a(n - 1) end return "a done" end
print(a(300000))
local even, odd
function even(n) if n == 0 then return "even" end return odd(n - 1) end
function odd(n) if n == 0 then return "odd" end return even(n - 1) end
print(even(200001), even(200000))
local function tailmulti(n) if n == 0 then return 1, 2, 3 end return tailmulti(n - 1) end
print(tailmulti(100000))
