local parts = { "return ", "10 ", "+ ", "32" }
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
local once = false
print(load(function() if once then return nil end once = true; return "return 'single'" end)())
print(type(load(function() return "" end)))
print(pcall(load, function() error("reader failed") end))
local chunks = { "local t = {", "1, 2, 3", "} return #t" }
local k = 0
print(load(function() k = k + 1; return chunks[k] end)())
