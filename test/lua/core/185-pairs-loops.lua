-- for ... in pairs / next: every key once, values as they are when visited, edits during the loop.
local t = { 10, 20, 30, x = 1, y = 2, [true] = "t", [2.5] = "f" }
local seen, n = {}, 0
for k, v in pairs(t) do seen[#seen + 1] = tostring(k) .. "=" .. tostring(v); n = n + 1 end
table.sort(seen)
print(n, table.concat(seen, " "))
-- values changed ahead of the loop are seen changed; cleared ones are skipped
local u = { a = 1, b = 1, c = 1, d = 1 }
local order = {}
for k in pairs(u) do order[#order + 1] = k end
local got = {}
for k, v in pairs(u) do
  if k == order[1] then u[order[2]] = nil; u[order[3]] = 33 end
  got[#got + 1] = v
end
table.sort(got)
print(#got, table.concat(got, " "))
-- next as the iterator, with an explicit start key
local keys = {}
for k in next, { p = 1 } do keys[#keys + 1] = k end
print(table.concat(keys))
local first = next(u)
local rest = 0
for k in next, u, first do rest = rest + 1 end
print(rest)
-- __pairs is honoured; pairs over a non-table errors
local mt = { __pairs = function(tt) return function(_, k) if not k then return 1, "one" end end, tt, nil end }
for k, v in pairs(setmetatable({}, mt)) do print("meta", k, v) end
print(pcall(function() for k in pairs(nil) do end end))
print(pcall(function() for k in next, 5 do end end))
-- nested loops over one table, and a break in the middle
local w = { 1, 2, 3, k = "v" }
local pairsCount = 0
for _ in pairs(w) do for _ in pairs(w) do pairsCount = pairsCount + 1 end end
print(pairsCount)
for k, v in pairs(w) do if v == 2 then break end end
print(next({}), type(next(w)))
