local up
local function f1() return up.x end
print(pcall(f1))
local upt = {}
local function f2() return upt.a.b end
print(pcall(f2))
local upn = 5
local function f3() return upn() end
print(pcall(f3))
local function f4() return #up end
print(pcall(f4))
local function f5() return up .. "x" end
print(pcall(f5))
local function f6() return -up end
print(pcall(f6))
