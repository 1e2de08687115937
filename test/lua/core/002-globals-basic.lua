g1 = 5
print(g1, _G.g1, _ENV.g1)
_G.g2 = "two"
print(g2)
g1 = nil
print(g1, rawget(_G, "g1"))
local function setg() g3 = 33 end
setg()
print(g3)
print(undefined_global_xyz)
_G["weird name"] = 1
print(_G["weird name"])
print(_G._G == _G, _ENV == _G)
