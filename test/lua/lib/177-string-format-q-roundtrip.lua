local samples = { "plain", "with\nnewline", "tab\t", "\0\1\2", "quote\"s", "\\", "\255\128", "\r\n", "digits\0009" }
for i, s in ipairs(samples) do
  local q = string.format("%q", s)
  local back = load("return " .. q)()
  print(i, #q, back == s)
end
for _, v in ipairs({ 0, -1, math.maxinteger, math.mininteger, 0.5, -1.25, 1e300, 1/0, -1/0 }) do
  local q = string.format("%q", v)
  print(q, load("return " .. q)() == v)
end
