-- Runtime error messages of common mistakes, and what load makes of odd arguments.
local cases = {
  "local t = nil; return t.x", "return undefinedfn()", "local s = 'a'; return s + 1", "return {} .. 'x'", "return #5",
  "return 1 < 'x'", "return {} < {}", "local a; a.b.c = 1", "return math.floor('x')", "return ('x'):rep(-1, 5, 6)",
  "return string.rep()", "return setmetatable(1, {})", "return ipairs()", "local t = setmetatable({}, {__index = function(t, k) error('idx ' .. k) end}); return t.foo",
  "return 1 // 0", "return 1 % 0", "return 2^63 | 0", "return 1.5 | 0", "return '10' + 1, '3' * '4', 10 .. 20",
  "return tostring(nil) .. nil", "error('custom', 0)", "error()", "error(nil)", "error(setmetatable({}, {__tostring = function() return 'obj' end}))",
  "return select(0)", "return select(-5, 1)", "return table.concat({1, {}, 3})", "return table.insert({}, 1, 2, 3)", "return next({}, 'nokey')",
  "return string.format('%d', 1.5)", "return string.format('%q', {})", "return ('abc'):sub()", "return string.char(256)", "return utf8.char(-1)",
  "return table.unpack({}, 1, 1e8)", "return coroutine.resume(1)", "return rawset(1, 2, 3)", "return rawlen(5)", "local x <close> = 5",
  "for i = 1, 10, 0 do end", "for i = 'a', 2 do end", "return tonumber('10', 99)", "return load(5)",
}
for _, c in ipairs(cases) do local f, e = load(c, "=c") if f then print(pcall(f)) else print("load", e) end end
