local closed = {}
local mt = { __close = function(self, err) closed[#closed + 1] = self.id .. ":" .. type(err) end }
local function make(id) return setmetatable({ id = id }, mt) end
local function user()
  local a <close> = make("A")
  local b <close> = make("B")
  error({ code = 7 })
end
local ok, e = pcall(user)
print(ok, type(e), e.code)
print(table.concat(closed, ","))
closed = {}
do
  local v <close> = make("V")
  print("value in scope", v.id)
end
print(table.concat(closed, ","))
local function multi()
  local x <close> = make("X")
  return 1, 2, 3
end
print(multi())
print(closed[#closed])
