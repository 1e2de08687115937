print(("ab"):rep(2))
print(("ab"):rep("many"))
