print("start")
error("fatal problem")
