local flag = true
print("flag:" .. tostring(flag))
print("flag:" .. flag)
