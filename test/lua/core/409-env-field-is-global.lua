-- A constant key of _ENV (the upvalue or a local named _ENV) is named "global 'x'" in errors
local function P(f) print(select(2, pcall(f))) end
P(function() return _ENV.nope.x end)
P(function() return _ENV["nope"].x end)
P(function() _ENV.nope() end)
P(function() _ENV:nope() end)
P(function() return _ENV.nope + 1 end)
P(function() local _ENV = {}; return _ENV.y.z end)
P(function() local _ENV = {print = print}; return y.z end)
P(function() local E = _ENV; return E.nope.x end)
P(function() return _ENV[1].x end)
