local sample = "aZ 9_!\t\n\0\127"
for _, cls in ipairs({ "%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x", "%A", "%C", "%D", "%G", "%L", "%P", "%S", "%U", "%W", "%X", "." }) do
  local count = select(2, sample:gsub(cls, ""))
  print(cls, count)
end
