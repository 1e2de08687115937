-- Generated benchmark input for bench/compile.ts: a realistic mix of
-- functions, loops, tables, closures, metatables and string operations.
-- Also a valid program: running it prints a checksum.
local checks = {}

-- Sum of squares with an early exit and a running average.
local function sumSquares1(n)
  local total, count = 0, 0
  for k = 1, n do
    local sq = k * k
    if sq > 1649 then
      break
    end
    total = total + sq
    count = count + 1
  end
  local avg = 0
  if count > 0 then
    avg = total / count
  end
  return total, math.floor(avg)
end
checks[#checks + 1] = function()
  local a, b = sumSquares1(43)
  return a + b
end

-- Word frequency over a generated sentence.
local function wordFreq2(text)
  local freq = {}
  for word in string.gmatch(text, "%a+") do
    local lw = string.lower(word)
    freq[lw] = (freq[lw] or 0) + 1
  end
  local keys = {}
  for key in pairs(freq) do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  local parts = {}
  for _, key in ipairs(keys) do
    parts[#parts + 1] = key .. "=" .. freq[key]
  end
  return table.concat(parts, ";")
end
checks[#checks + 1] = function()
  local s = wordFreq2("kappa sigma zeta, lambda. theta theta delta!")
  return #s
end

-- A tiny class with metatables and methods.
local Counter3 = {}
Counter3.__index = Counter3

function Counter3.new(start, step)
  local self = setmetatable({}, Counter3)
  self.value = start or 0
  self.step = step or 1
  self.history = {}
  return self
end

function Counter3:tick()
  self.value = self.value + self.step
  self.history[#self.history + 1] = self.value
  return self
end

function Counter3:total()
  local t = 0
  for _, v in ipairs(self.history) do
    t = t + v
  end
  return t
end

checks[#checks + 1] = function()
  local c = Counter3.new(1, 2)
  for _ = 1, 19 do
    c:tick()
  end
  return c:total()
end

-- Closures capturing upvalues, returned in a table.
local function makeAccumulators4(base)
  local count = 0
  local function add(x)
    count = count + 1
    base = base + x
    return base
  end
  local function get()
    return base, count
  end
  return { add = add, get = get }
end
checks[#checks + 1] = function()
  local acc = makeAccumulators4(9)
  local i = 0
  while i < 24 do
    acc.add(i % 7)
    i = i + 1
  end
  local b, n = acc.get()
  return b * 2 + n
end

-- String formatting and building a report line by line.
local function report5(rows)
  local out = {}
  for idx, row in ipairs(rows) do
    local line = string.format("%3d | %-8s | %6.2f", idx, row.name, row.score)
    if row.score > 79 then
      line = line .. " *"
    elseif row.score < 10 then
      line = line .. " (low)"
    end
    out[#out + 1] = line
  end
  return table.concat(out, "\n")
end
checks[#checks + 1] = function()
  local rows = {}
  for k = 1, 5 do
    rows[k] = { name = "beta" .. k, score = (k * 12) % 101 + 0.5 }
  end
  return #report5(rows)
end

-- Matrix multiply on nested tables.
local function matmul6(a, b, n)
  local c = {}
  for r = 1, n do
    local row = {}
    for col = 1, n do
      local s = 0
      for k = 1, n do
        s = s + a[r][k] * b[k][col]
      end
      row[col] = s
    end
    c[r] = row
  end
  return c
end
checks[#checks + 1] = function()
  local n = 4
  local a, b = {}, {}
  for r = 1, n do
    a[r], b[r] = {}, {}
    for col = 1, n do
      a[r][col] = r + col
      b[r][col] = r - col + 4
    end
  end
  local c = matmul6(a, b, n)
  return c[n][n] + c[1][1]
end

-- String scanning: reverse words, count vowels, byte checksum.
local function scan7(s)
  local vowels, sum = 0, 0
  for k = 1, #s do
    local ch = string.sub(s, k, k)
    if ch == "a" or ch == "e" or ch == "i" or ch == "o" or ch == "u" then
      vowels = vowels + 1
    end
    sum = sum + string.byte(s, k)
  end
  local rev = {}
  for word in string.gmatch(s, "%S+") do
    table.insert(rev, 1, word)
  end
  return vowels, sum, table.concat(rev, " ")
end
checks[#checks + 1] = function()
  local v, s, r = scan7("lambda sigma sigma lambda")
  return v + s + #r
end

-- Queue / stack operations with table.insert and table.remove.
local function queueOps8(n)
  local q = {}
  local popped = 0
  for k = 1, n do
    table.insert(q, k * 6)
    if k % 3 == 0 then
      popped = popped + table.remove(q, 1)
    end
  end
  local rest = 0
  repeat
    local v = table.remove(q)
    if v then
      rest = rest + v
    end
  until v == nil
  return popped + rest
end
checks[#checks + 1] = function()
  return queueOps8(50)
end

-- Recursive tree building and varargs.
local function build9(depth, ...)
  local extra = select("#", ...)
  if depth == 0 then
    return { leaf = true, extra = extra }
  end
  return {
    left = build9(depth - 1, ...),
    right = build9(depth - 1, depth, ...),
  }
end
local function count9(node)
  if node.leaf then
    return 1 + node.extra
  end
  return count9(node.left) + count9(node.right)
end
checks[#checks + 1] = function()
  return count9(build9(3, "theta"))
end

-- gsub with captures and replacement functions, find with plain search.
local function template10(tpl, vars)
  local out = string.gsub(tpl, "%$(%w+)", function(name)
    local v = vars[name]
    if v == nil then
      return "?"
    end
    return tostring(v)
  end)
  local pos = string.find(out, "theta", 1, true)
  return out, pos or 0
end
checks[#checks + 1] = function()
  local s, p = template10("$a and $b went to $c with $d", {
    a = "lambda", b = "lambda", c = 547, d = "lambda",
  })
  return #s + p
end

-- Sum of squares with an early exit and a running average.
local function sumSquares11(n)
  local total, count = 0, 0
  for k = 1, n do
    local sq = k * k
    if sq > 3869 then
      break
    end
    total = total + sq
    count = count + 1
  end
  local avg = 0
  if count > 0 then
    avg = total / count
  end
  return total, math.floor(avg)
end
checks[#checks + 1] = function()
  local a, b = sumSquares11(55)
  return a + b
end

-- Word frequency over a generated sentence.
local function wordFreq12(text)
  local freq = {}
  for word in string.gmatch(text, "%a+") do
    local lw = string.lower(word)
    freq[lw] = (freq[lw] or 0) + 1
  end
  local keys = {}
  for key in pairs(freq) do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  local parts = {}
  for _, key in ipairs(keys) do
    parts[#parts + 1] = key .. "=" .. freq[key]
  end
  return table.concat(parts, ";")
end
checks[#checks + 1] = function()
  local s = wordFreq12("lambda sigma theta, beta. delta gamma gamma!")
  return #s
end

-- A tiny class with metatables and methods.
local Counter13 = {}
Counter13.__index = Counter13

function Counter13.new(start, step)
  local self = setmetatable({}, Counter13)
  self.value = start or 0
  self.step = step or 1
  self.history = {}
  return self
end

function Counter13:tick()
  self.value = self.value + self.step
  self.history[#self.history + 1] = self.value
  return self
end

function Counter13:total()
  local t = 0
  for _, v in ipairs(self.history) do
    t = t + v
  end
  return t
end

checks[#checks + 1] = function()
  local c = Counter13.new(6, 3)
  for _ = 1, 12 do
    c:tick()
  end
  return c:total()
end

-- Closures capturing upvalues, returned in a table.
local function makeAccumulators14(base)
  local count = 0
  local function add(x)
    count = count + 1
    base = base + x
    return base
  end
  local function get()
    return base, count
  end
  return { add = add, get = get }
end
checks[#checks + 1] = function()
  local acc = makeAccumulators14(15)
  local i = 0
  while i < 38 do
    acc.add(i % 7)
    i = i + 1
  end
  local b, n = acc.get()
  return b * 2 + n
end

-- String formatting and building a report line by line.
local function report15(rows)
  local out = {}
  for idx, row in ipairs(rows) do
    local line = string.format("%3d | %-8s | %6.2f", idx, row.name, row.score)
    if row.score > 85 then
      line = line .. " *"
    elseif row.score < 10 then
      line = line .. " (low)"
    end
    out[#out + 1] = line
  end
  return table.concat(out, "\n")
end
checks[#checks + 1] = function()
  local rows = {}
  for k = 1, 6 do
    rows[k] = { name = "theta" .. k, score = (k * 15) % 101 + 0.5 }
  end
  return #report15(rows)
end

-- Matrix multiply on nested tables.
local function matmul16(a, b, n)
  local c = {}
  for r = 1, n do
    local row = {}
    for col = 1, n do
      local s = 0
      for k = 1, n do
        s = s + a[r][k] * b[k][col]
      end
      row[col] = s
    end
    c[r] = row
  end
  return c
end
checks[#checks + 1] = function()
  local n = 3
  local a, b = {}, {}
  for r = 1, n do
    a[r], b[r] = {}, {}
    for col = 1, n do
      a[r][col] = r + col
      b[r][col] = r - col + 4
    end
  end
  local c = matmul16(a, b, n)
  return c[n][n] + c[1][1]
end

-- String scanning: reverse words, count vowels, byte checksum.
local function scan17(s)
  local vowels, sum = 0, 0
  for k = 1, #s do
    local ch = string.sub(s, k, k)
    if ch == "a" or ch == "e" or ch == "i" or ch == "o" or ch == "u" then
      vowels = vowels + 1
    end
    sum = sum + string.byte(s, k)
  end
  local rev = {}
  for word in string.gmatch(s, "%S+") do
    table.insert(rev, 1, word)
  end
  return vowels, sum, table.concat(rev, " ")
end
checks[#checks + 1] = function()
  local v, s, r = scan17("beta gamma delta lambda")
  return v + s + #r
end

-- Queue / stack operations with table.insert and table.remove.
local function queueOps18(n)
  local q = {}
  local popped = 0
  for k = 1, n do
    table.insert(q, k * 6)
    if k % 3 == 0 then
      popped = popped + table.remove(q, 1)
    end
  end
  local rest = 0
  repeat
    local v = table.remove(q)
    if v then
      rest = rest + v
    end
  until v == nil
  return popped + rest
end
checks[#checks + 1] = function()
  return queueOps18(48)
end

-- Recursive tree building and varargs.
local function build19(depth, ...)
  local extra = select("#", ...)
  if depth == 0 then
    return { leaf = true, extra = extra }
  end
  return {
    left = build19(depth - 1, ...),
    right = build19(depth - 1, depth, ...),
  }
end
local function count19(node)
  if node.leaf then
    return 1 + node.extra
  end
  return count19(node.left) + count19(node.right)
end
checks[#checks + 1] = function()
  return count19(build19(3, "gamma"))
end

-- gsub with captures and replacement functions, find with plain search.
local function template20(tpl, vars)
  local out = string.gsub(tpl, "%$(%w+)", function(name)
    local v = vars[name]
    if v == nil then
      return "?"
    end
    return tostring(v)
  end)
  local pos = string.find(out, "beta", 1, true)
  return out, pos or 0
end
checks[#checks + 1] = function()
  local s, p = template20("$a and $b went to $c with $d", {
    a = "gamma", b = "omega", c = 725, d = "alpha",
  })
  return #s + p
end

-- Sum of squares with an early exit and a running average.
local function sumSquares21(n)
  local total, count = 0, 0
  for k = 1, n do
    local sq = k * k
    if sq > 6192 then
      break
    end
    total = total + sq
    count = count + 1
  end
  local avg = 0
  if count > 0 then
    avg = total / count
  end
  return total, math.floor(avg)
end
checks[#checks + 1] = function()
  local a, b = sumSquares21(36)
  return a + b
end

-- Word frequency over a generated sentence.
local function wordFreq22(text)
  local freq = {}
  for word in string.gmatch(text, "%a+") do
    local lw = string.lower(word)
    freq[lw] = (freq[lw] or 0) + 1
  end
  local keys = {}
  for key in pairs(freq) do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  local parts = {}
  for _, key in ipairs(keys) do
    parts[#parts + 1] = key .. "=" .. freq[key]
  end
  return table.concat(parts, ";")
end
checks[#checks + 1] = function()
  local s = wordFreq22("omega beta sigma, delta. theta zeta omega!")
  return #s
end

-- A tiny class with metatables and methods.
local Counter23 = {}
Counter23.__index = Counter23

function Counter23.new(start, step)
  local self = setmetatable({}, Counter23)
  self.value = start or 0
  self.step = step or 1
  self.history = {}
  return self
end

function Counter23:tick()
  self.value = self.value + self.step
  self.history[#self.history + 1] = self.value
  return self
end

function Counter23:total()
  local t = 0
  for _, v in ipairs(self.history) do
    t = t + v
  end
  return t
end

checks[#checks + 1] = function()
  local c = Counter23.new(7, 5)
  for _ = 1, 17 do
    c:tick()
  end
  return c:total()
end

-- Closures capturing upvalues, returned in a table.
local function makeAccumulators24(base)
  local count = 0
  local function add(x)
    count = count + 1
    base = base + x
    return base
  end
  local function get()
    return base, count
  end
  return { add = add, get = get }
end
checks[#checks + 1] = function()
  local acc = makeAccumulators24(40)
  local i = 0
  while i < 28 do
    acc.add(i % 7)
    i = i + 1
  end
  local b, n = acc.get()
  return b * 2 + n
end

-- String formatting and building a report line by line.
local function report25(rows)
  local out = {}
  for idx, row in ipairs(rows) do
    local line = string.format("%3d | %-8s | %6.2f", idx, row.name, row.score)
    if row.score > 60 then
      line = line .. " *"
    elseif row.score < 10 then
      line = line .. " (low)"
    end
    out[#out + 1] = line
  end
  return table.concat(out, "\n")
end
checks[#checks + 1] = function()
  local rows = {}
  for k = 1, 13 do
    rows[k] = { name = "delta" .. k, score = (k * 16) % 101 + 0.5 }
  end
  return #report25(rows)
end

-- Matrix multiply on nested tables.
local function matmul26(a, b, n)
  local c = {}
  for r = 1, n do
    local row = {}
    for col = 1, n do
      local s = 0
      for k = 1, n do
        s = s + a[r][k] * b[k][col]
      end
      row[col] = s
    end
    c[r] = row
  end
  return c
end
checks[#checks + 1] = function()
  local n = 5
  local a, b = {}, {}
  for r = 1, n do
    a[r], b[r] = {}, {}
    for col = 1, n do
      a[r][col] = r + col
      b[r][col] = r - col + 2
    end
  end
  local c = matmul26(a, b, n)
  return c[n][n] + c[1][1]
end

-- String scanning: reverse words, count vowels, byte checksum.
local function scan27(s)
  local vowels, sum = 0, 0
  for k = 1, #s do
    local ch = string.sub(s, k, k)
    if ch == "a" or ch == "e" or ch == "i" or ch == "o" or ch == "u" then
      vowels = vowels + 1
    end
    sum = sum + string.byte(s, k)
  end
  local rev = {}
  for word in string.gmatch(s, "%S+") do
    table.insert(rev, 1, word)
  end
  return vowels, sum, table.concat(rev, " ")
end
checks[#checks + 1] = function()
  local v, s, r = scan27("alpha delta sigma omega")
  return v + s + #r
end

-- Queue / stack operations with table.insert and table.remove.
local function queueOps28(n)
  local q = {}
  local popped = 0
  for k = 1, n do
    table.insert(q, k * 3)
    if k % 3 == 0 then
      popped = popped + table.remove(q, 1)
    end
  end
  local rest = 0
  repeat
    local v = table.remove(q)
    if v then
      rest = rest + v
    end
  until v == nil
  return popped + rest
end
checks[#checks + 1] = function()
  return queueOps28(27)
end

-- Recursive tree building and varargs.
local function build29(depth, ...)
  local extra = select("#", ...)
  if depth == 0 then
    return { leaf = true, extra = extra }
  end
  return {
    left = build29(depth - 1, ...),
    right = build29(depth - 1, depth, ...),
  }
end
local function count29(node)
  if node.leaf then
    return 1 + node.extra
  end
  return count29(node.left) + count29(node.right)
end
checks[#checks + 1] = function()
  return count29(build29(3, "delta"))
end

-- gsub with captures and replacement functions, find with plain search.
local function template30(tpl, vars)
  local out = string.gsub(tpl, "%$(%w+)", function(name)
    local v = vars[name]
    if v == nil then
      return "?"
    end
    return tostring(v)
  end)
  local pos = string.find(out, "kappa", 1, true)
  return out, pos or 0
end
checks[#checks + 1] = function()
  local s, p = template30("$a and $b went to $c with $d", {
    a = "lambda", b = "theta", c = 124, d = "zeta",
  })
  return #s + p
end

-- Sum of squares with an early exit and a running average.
local function sumSquares31(n)
  local total, count = 0, 0
  for k = 1, n do
    local sq = k * k
    if sq > 5714 then
      break
    end
    total = total + sq
    count = count + 1
  end
  local avg = 0
  if count > 0 then
    avg = total / count
  end
  return total, math.floor(avg)
end
checks[#checks + 1] = function()
  local a, b = sumSquares31(66)
  return a + b
end

-- Word frequency over a generated sentence.
local function wordFreq32(text)
  local freq = {}
  for word in string.gmatch(text, "%a+") do
    local lw = string.lower(word)
    freq[lw] = (freq[lw] or 0) + 1
  end
  local keys = {}
  for key in pairs(freq) do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  local parts = {}
  for _, key in ipairs(keys) do
    parts[#parts + 1] = key .. "=" .. freq[key]
  end
  return table.concat(parts, ";")
end
checks[#checks + 1] = function()
  local s = wordFreq32("theta delta zeta, gamma. theta omega zeta!")
  return #s
end

-- A tiny class with metatables and methods.
local Counter33 = {}
Counter33.__index = Counter33

function Counter33.new(start, step)
  local self = setmetatable({}, Counter33)
  self.value = start or 0
  self.step = step or 1
  self.history = {}
  return self
end

function Counter33:tick()
  self.value = self.value + self.step
  self.history[#self.history + 1] = self.value
  return self
end

function Counter33:total()
  local t = 0
  for _, v in ipairs(self.history) do
    t = t + v
  end
  return t
end

checks[#checks + 1] = function()
  local c = Counter33.new(7, 3)
  for _ = 1, 6 do
    c:tick()
  end
  return c:total()
end

-- Closures capturing upvalues, returned in a table.
local function makeAccumulators34(base)
  local count = 0
  local function add(x)
    count = count + 1
    base = base + x
    return base
  end
  local function get()
    return base, count
  end
  return { add = add, get = get }
end
checks[#checks + 1] = function()
  local acc = makeAccumulators34(82)
  local i = 0
  while i < 24 do
    acc.add(i % 7)
    i = i + 1
  end
  local b, n = acc.get()
  return b * 2 + n
end

-- String formatting and building a report line by line.
local function report35(rows)
  local out = {}
  for idx, row in ipairs(rows) do
    local line = string.format("%3d | %-8s | %6.2f", idx, row.name, row.score)
    if row.score > 73 then
      line = line .. " *"
    elseif row.score < 10 then
      line = line .. " (low)"
    end
    out[#out + 1] = line
  end
  return table.concat(out, "\n")
end
checks[#checks + 1] = function()
  local rows = {}
  for k = 1, 12 do
    rows[k] = { name = "beta" .. k, score = (k * 4) % 101 + 0.5 }
  end
  return #report35(rows)
end

-- Matrix multiply on nested tables.
local function matmul36(a, b, n)
  local c = {}
  for r = 1, n do
    local row = {}
    for col = 1, n do
      local s = 0
      for k = 1, n do
        s = s + a[r][k] * b[k][col]
      end
      row[col] = s
    end
    c[r] = row
  end
  return c
end
checks[#checks + 1] = function()
  local n = 4
  local a, b = {}, {}
  for r = 1, n do
    a[r], b[r] = {}, {}
    for col = 1, n do
      a[r][col] = r + col
      b[r][col] = r - col + 1
    end
  end
  local c = matmul36(a, b, n)
  return c[n][n] + c[1][1]
end

-- String scanning: reverse words, count vowels, byte checksum.
local function scan37(s)
  local vowels, sum = 0, 0
  for k = 1, #s do
    local ch = string.sub(s, k, k)
    if ch == "a" or ch == "e" or ch == "i" or ch == "o" or ch == "u" then
      vowels = vowels + 1
    end
    sum = sum + string.byte(s, k)
  end
  local rev = {}
  for word in string.gmatch(s, "%S+") do
    table.insert(rev, 1, word)
  end
  return vowels, sum, table.concat(rev, " ")
end
checks[#checks + 1] = function()
  local v, s, r = scan37("omega alpha gamma theta")
  return v + s + #r
end

-- Queue / stack operations with table.insert and table.remove.
local function queueOps38(n)
  local q = {}
  local popped = 0
  for k = 1, n do
    table.insert(q, k * 6)
    if k % 3 == 0 then
      popped = popped + table.remove(q, 1)
    end
  end
  local rest = 0
  repeat
    local v = table.remove(q)
    if v then
      rest = rest + v
    end
  until v == nil
  return popped + rest
end
checks[#checks + 1] = function()
  return queueOps38(25)
end

-- Recursive tree building and varargs.
local function build39(depth, ...)
  local extra = select("#", ...)
  if depth == 0 then
    return { leaf = true, extra = extra }
  end
  return {
    left = build39(depth - 1, ...),
    right = build39(depth - 1, depth, ...),
  }
end
local function count39(node)
  if node.leaf then
    return 1 + node.extra
  end
  return count39(node.left) + count39(node.right)
end
checks[#checks + 1] = function()
  return count39(build39(2, "zeta"))
end

-- gsub with captures and replacement functions, find with plain search.
local function template40(tpl, vars)
  local out = string.gsub(tpl, "%$(%w+)", function(name)
    local v = vars[name]
    if v == nil then
      return "?"
    end
    return tostring(v)
  end)
  local pos = string.find(out, "delta", 1, true)
  return out, pos or 0
end
checks[#checks + 1] = function()
  local s, p = template40("$a and $b went to $c with $d", {
    a = "sigma", b = "alpha", c = 712, d = "lambda",
  })
  return #s + p
end

-- Sum of squares with an early exit and a running average.
local function sumSquares41(n)
  local total, count = 0, 0
  for k = 1, n do
    local sq = k * k
    if sq > 1927 then
      break
    end
    total = total + sq
    count = count + 1
  end
  local avg = 0
  if count > 0 then
    avg = total / count
  end
  return total, math.floor(avg)
end
checks[#checks + 1] = function()
  local a, b = sumSquares41(76)
  return a + b
end

local total = 0
for idx, check in ipairs(checks) do
  total = (total + check() * idx) % 1000003
end
print(string.format("checks %d", #checks))
print(string.format("checksum %d", math.floor(total)))
