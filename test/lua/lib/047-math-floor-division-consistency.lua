for _, x in ipairs({ 3.5, -3.5, 2.0, -2.0, 0.5, -0.5, 1e10 + 0.5 }) do
  print(x, math.floor(x), math.ceil(x), x // 1, math.type(math.floor(x)))
end
