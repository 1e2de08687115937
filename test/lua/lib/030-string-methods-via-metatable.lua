local s = "Hello World"
print(s:upper(), s:lower(), s:len(), s:reverse())
print(s:find("World"), s:match("%u%l+"), s:sub(1, 5):rep(2))
print(s:gsub("o", "0"))
print(("%d-%s"):format(5, "x"), ("abc"):byte(-1))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w:upper() end
print(table.concat(words, "_"))
print(("x"):rep(3):upper():len())
