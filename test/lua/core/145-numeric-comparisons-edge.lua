print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.maxinteger == 2^63)
print(math.mininteger == -2^63, math.mininteger < -2^63)
print(2^53 + 1 == 2^53, (2^53 | 0) + 1 == 2^53 + 1)
print(1/0 > math.maxinteger, -1/0 < math.mininteger)
local nan = 0/0
print(nan == nan, nan ~= nan, nan < 1, nan > 1, nan <= nan)
print(0.0 == -0.0, 1 < 1.0000000000000002, 9007199254740993 < 9007199254740992.0)
print(-1 < 0.0, 3 <= 3.0, 3 >= 3.5)
