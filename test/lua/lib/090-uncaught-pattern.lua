print(("abc"):find("b"))
print(("abc"):find("[b"))
