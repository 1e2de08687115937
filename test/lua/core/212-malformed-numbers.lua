-- a numeral touching letters or points is one malformed token, reported before later syntax errors
for _, s in ipairs{"return 1print()", "return 0xep-p", "return 0xe-", "x = 3x", "x = 1and 2", "return 12abc",
  "return 1..2", "return 1 .. 2", "return 0x1g", "return 1e5a", "return 1ee2", "return .5e", "return 0x", "return 3 -- 3rd place",
  "return '3rd'", "return [[1x]]", "return a1b", "return 1e+5, 0x1p-4, 0x.8, 3., .5, 0xA.8P1, 1E2", "x = y\n z = 4f", "return 2^53x",
  "local t = {1,2;3}\nreturn t[1]..x1", "f(1\n,2x)", "return 0xffffffffffffffffff", "return 1 2x"} do
  local f, msg = load(s, "=c")
  print(type(f), msg)
end
