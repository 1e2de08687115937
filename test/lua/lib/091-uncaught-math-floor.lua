print(math.floor(3.5))
print(math.floor({}))
