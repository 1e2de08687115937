-- load checks its mode, then its chunk name, then the chunk; names and modes must be strings
print(pcall(load, "return 1", {}))
print(pcall(load, "return 1", true))
print(pcall(load, nil, {}))
print(pcall(load, 42, false, "t"))
print(pcall(load, "return 1", "name", {}))
print(pcall(load, nil, "name", {}))
print(load("return 7", 99)())
print(load("syntax error here", 12))
print(load("return 1", nil, "b"))
local calls = 0
print(pcall(load, function() calls = calls + 1 return nil end, {}))
print("reader calls", calls)
