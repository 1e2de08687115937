local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({ balance = balance }, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
local acc = Account.new(100)
acc:deposit(50):deposit(25)
print(acc:get())
print(Account.get(acc))
local obj = { name = "obj", greet = function(self, g) return g .. ", " .. self.name end }
print(obj:greet("hi"))
print(obj.greet(obj, "hello"))
print(pcall(function() return obj:missing() end))
local s = "abc"
print(s:upper(), ("x"):rep(3), ("%d"):format(42))
print(#s:rep(2))
