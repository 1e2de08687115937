-- a non-printable character in a syntax error is shown by its code
print(load('\255a = 1'))
print(load('x = \127'))
print(load('local t = {\31}'))
print(select(2, load('return \200')):match("near .*$"))
