-- An assignment whose targets include a call or a parenthesized expression: "syntax error near '='"
-- (after an expression list, a stray '=' starts a new statement: "unexpected symbol")
local sources = {
  "g() = 5", "obj:method() = 5", "(v) = 5", "v, g() = 1, 2", "g(), v = 1, 2", "(v), w = 1",
  "t.f'arg' = 1", "t[g()]() = 1", "g()\n  = 1", "do h{} = 2 end", "s = 1 g() = 2",
  "v = g() = 1", "v = 1, g() = 2", "return g() = 1", "t = {g() = 1}", "g(1, h() = 2)",
}
for _, src in ipairs(sources) do
  local fn, msg = load(src, "=chunk")
  print(fn and "compiled" or msg)
end
