-- tonumber with a base accepts a leading "+", and trims only C whitespace
print(tonumber('  +1Z  ', 36), tonumber('+10', 2), tonumber('-10', 2), tonumber('+ 1', 10), tonumber('+-1', 10), tonumber('\xa010', 10), tonumber('+', 10), tonumber('\v\f7\n', 8))
