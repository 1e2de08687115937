print(table.concat({ "a", "b" }, "+"))
print(table.concat({ "a", {}, "c" }))
