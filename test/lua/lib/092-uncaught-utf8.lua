print(utf8.len("abc"))
print(utf8.codepoint("\xff"))
