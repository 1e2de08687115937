print("num")
error(404)
