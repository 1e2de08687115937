local Builder = {}
Builder.__index = Builder
function Builder.new() return setmetatable({ parts = {} }, Builder) end
function Builder:add(s) self.parts[#self.parts + 1] = s; return self end
function Builder:build(sep) return table.concat(self.parts, sep or "") end
print(Builder.new():add("a"):add("b"):add("c"):build("-"))
local s = ("hello")
print(s:rep(2):sub(3, 7):upper())
print(("%d items"):format(3):len())
local str = "x"
print(str:byte(), ("abc"):byte(-1), ("\0"):byte())
print(#("x"):rep(5, ", "))
