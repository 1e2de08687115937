print("before")
local config = {}
print(config.server.port)
