-- rawset with a nil or NaN key: the error comes from inside the built-in, so it carries no position
print(pcall(rawset, {}, nil, 1))
print(pcall(rawset, {}, 0/0, 1))
print(pcall(function() rawset({}, nil, 1) end))
print(pcall(function() local t = {} rawset(t, 0/0, true) end))
print(pcall(function() local t = {} t[nil] = 1 end))
