local co = coroutine.wrap(function() error("from coroutine") end)
print("calling")
co()
