print(utf8.char(65))
print(utf8.char(-5))
