-- Syntax errors for bytes that are not printable ASCII: Lua quotes them as '<\NNN>'.
print(load("\239\187\191print(1)"))
print(load("x = \128"))
print(load("local a = 1 \1"))
print(load("return 1 +"))
print(load("f(\255)"))
print(type(load("x = 'abc\200'")), (load("return 'abc\200'")()))
