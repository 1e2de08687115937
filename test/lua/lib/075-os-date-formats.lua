local t = 1234567890
print(os.date("!%Y-%m-%dT%H:%M:%SZ", t))
print(os.date("!%a %A %b %B", t))
print(os.date("!%d/%m/%y %I:%M %p", t))
print(os.date("!%x %X", 0))
print(os.date("!%D %T %F %R", t))
print(os.date("!%e|%n|%t|%%", t))
print(os.date("!%U %W %V %G %g %u", t))
local d = os.date("!*t", t)
local keys = {}
for k in pairs(d) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
