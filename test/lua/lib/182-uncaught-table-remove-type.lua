print(table.remove({1}))
table.remove("notatable")
