-- single line comment
print("a") -- trailing comment
--[[ block
comment ]] print("b")
--[==[ another
]] still comment
]==]
print("c")
---[[ not a block comment
print("d")
--]]
print(#"--not a comment")
