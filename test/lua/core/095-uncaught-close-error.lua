do
  local r <close> = setmetatable({}, { __close = function() print("closing r") end })
  print("in block")
  error("block failed")
end
