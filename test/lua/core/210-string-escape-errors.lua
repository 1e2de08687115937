-- lexical errors inside string literals: Lua's wording and token text
local cases = {
  [["abc\u11r"]], [["abc\u"]], [["abc\u{11r"]], [["abc\u{11"]], [["abc\u{11]], [["abc\u{r"]],
  [["abc\u{100000000}"]], [["\x5"]], [["\x8%"]], [["\xAG]], [["\xr]], [["\x]], [["\g"]],
  [["\999"]], [["xyz\300"]], "'alo \\z  \n\n", "'alo \\z", [['alo \98]], "'alo\nx'",
  "'a\\\nb\\\r\nc\\z\n\n\\xzz'", [["ok" .. "\q"]], [["\u{7FFFFFFF}\u{80000000}"]],
  "--[[ \"\\q ]] 'fine' .. '\\w'", "[[ '\\q ]] .. \"\\400\"",
}
for _, s in ipairs(cases) do
  local f, msg = load('return ' .. s, '=src')
  print(f, msg)
end
