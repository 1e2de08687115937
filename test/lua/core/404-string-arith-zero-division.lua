-- Arithmetic on a string operand runs in the string metatable (C): its errors have no position
print(pcall(function() return "5" // 0 end))
print(pcall(function() return 5 % "0" end))
print(pcall(function() return "5" % 0.0 ~= "5" % 0.0 end))
print(pcall(function() return "5" // "0x0" end))
print(pcall(function() return 5 // 0 end))
