local f = load("return nil + 1", "=dyn")
print(type(f))
f()
