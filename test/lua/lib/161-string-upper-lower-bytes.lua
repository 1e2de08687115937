local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local up, low = s:upper(), s:lower()
local changed_up, changed_low = 0, 0
for i = 1, 256 do
  if up:byte(i) ~= s:byte(i) then changed_up = changed_up + 1 end
  if low:byte(i) ~= s:byte(i) then changed_low = changed_low + 1 end
end
print(changed_up, changed_low, #up, #low)
print(("MiXeD 123 !?"):upper(), ("MiXeD 123 !?"):lower())
