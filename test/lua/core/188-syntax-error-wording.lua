-- Syntax errors are worded as Lua's parser words them.
local cases = {
  "if x print(1) end", "while true print(1) end", "for i = 1 10 do end", "local function f( return end",
  "x = {1, 2", "x = (1 + 2", "f(1, 2", "local t = {a = }", "return return", "x = 1 +", "local 1 = 2",
  "function f() end end", "repeat x = 1", "for i in pairs(t) print(i) end", "local x <foo> = 1", "goto nowhere",
  "x = 'abc", "x = [[abc", "--[[ unfinished", "x = 0x", "x = 1e", "x = 3..4", "a.b:c = 1",
  "local a, b = 1, 2, 3 x", "::l:: ::l::", "break", "return 1; x = 2", "x = }", "if x then else elseif y then end",
}
for _, c in ipairs(cases) do local f, e = load(c, "=s") print(e) end

local cases2 = { "a, b", "a, b.c", "a, b[1]", "a, b = ", "x y", "local a, b = 1, 2, 3 x", "a, b c = 1", "t.x, t.y", "a,b" }
for _, c in ipairs(cases2) do local f, e = load(c, "=s") print(e) end
