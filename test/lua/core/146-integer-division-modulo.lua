for _, p in ipairs({ { 7, 2 }, { -7, 2 }, { 7, -2 }, { -7, -2 }, { 0, 3 }, { 3, 7 }, { -3, 7 } }) do
  local a, b = p[1], p[2]
  print(a, b, a // b, a % b, a // b * b + a % b == a)
end
print(7.0 // 2, 7 // 2.0, -7 // 2.0, 7 % 2.0, -7 % 2.0, 6 % -2.0)
print(math.mininteger // 1, math.mininteger % 1, math.mininteger % -1, math.mininteger // -1)
print(5 % math.mininteger, -5 % math.mininteger, math.maxinteger % math.mininteger)
