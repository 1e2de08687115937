print(#"\0", #"a\0b", #"\xff", #"\u{10FFFF}", #"\u{7F}", #"\u{80}", #"\u{7FFFFFFF}")
print("\65\066\0671")
print("tab\there", "nl\\n")
print("a\z
       b")
print("q\"q", 'q\'q', "\'", '\"')
print(("\xff\xfe"):byte(1, -1))
print(("\u{48}\u{49}"))
print(("\u{10FFFF}"):byte(1, -1))
print("\a\b\f\v\r" == "\7\8\12\11\13")
print(#"\
")
print(("\z   x"))
