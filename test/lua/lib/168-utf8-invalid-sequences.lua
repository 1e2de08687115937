local bad = { "\xc0\x80", "\xe0\x80\x80", "\xed\xbf\xbf", "\xf8\x88\x80\x80\x80", "\x80", "a\xffb", "\xf4\x8f\xbf\xbf" }
for i, s in ipairs(bad) do
  print(i, utf8.len(s), utf8.len(s, 1, -1, true), pcall(utf8.codepoint, s, 1, 1))
end
