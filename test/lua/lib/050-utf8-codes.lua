for p, c in utf8.codes("aé€😀") do print(p, c) end
print(pcall(function() for p, c in utf8.codes("a\xffb") do end end))
print(pcall(function() for p, c in utf8.codes("\xe4\xb8") do end end))
local n = 0
for _ in utf8.codes("") do n = n + 1 end
print(n)
for p, c in utf8.codes("\u{7FFFFFFF}", true) do print("lax", p, c) end
