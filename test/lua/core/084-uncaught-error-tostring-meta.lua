local E = setmetatable({ msg = "custom" }, { __tostring = function(e) return "E<" .. e.msg .. ">" end })
print("throwing")
error(E)
