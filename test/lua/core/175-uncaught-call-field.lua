local M = {}
function M.start() print("started") end
M.start()
M.stop()
