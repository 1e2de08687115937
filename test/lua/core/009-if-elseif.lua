local function classify(n)
  if n < 0 then
    return "negative"
  elseif n == 0 then
    return "zero"
  elseif n < 10 then
    return "small"
  else
    return "large"
  end
end
for _, v in ipairs({ -5, 0, 3, 10, 99 }) do print(v, classify(v)) end
if nil then print("nil true") else print("nil false") end
if false then print("false true") else print("false false") end
if 0 then print("0 is true") end
if "" then print("empty string is true") end
local x = nil
if x then print("x") elseif x == nil then print("x is nil") end
