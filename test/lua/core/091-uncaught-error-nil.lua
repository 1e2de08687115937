print("nil error")
error(nil)
