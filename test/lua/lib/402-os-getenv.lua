-- os.getenv: a string (or number) name, nil for a variable that is not set; the argument is checked
print(os.getenv("MOONGATE_SURELY_UNSET_VARIABLE"))
print(os.getenv(12345))
print(type(os.getenv))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))
print(pcall(os.getenv, nil))
print(select("#", os.getenv("MOONGATE_SURELY_UNSET_VARIABLE")))
