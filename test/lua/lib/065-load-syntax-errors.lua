local cases = { "x =", "return 1 1", "local function", "a.b:c = 1", "for", "x = 'unclosed", "x = [[open", "return 0x", "return 1e", "local t = {1, 2", "return @", "goto continue" }
for _, c in ipairs(cases) do
  local f, err = load(c, "=src")
  print(f, err)
end
