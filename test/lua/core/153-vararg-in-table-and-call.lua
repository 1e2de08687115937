local function wrap(...) return { n = select('#', ...), ... } end
local w = wrap(1, nil, 3)
print(w.n, w[1], w[2], w[3])
local function call_with(f, ...) return f(...) end
print(call_with(math.max, 3, 9, 2))
print(call_with(select, '#', nil, nil))
local function append(x, ...) local t = { ... }; t[#t + 1] = x; return table.unpack(t) end
print(append(0, 1, 2))
local function vararg_len(...) return #{ ... } end
print(vararg_len(1, 2, 3))
