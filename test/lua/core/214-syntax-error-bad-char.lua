-- a character that starts no token: "syntax error" after a variable, "unexpected symbol" inside an expression
for _, s in ipairs{"x @ = 1", "x \2 = 1", "return 1 + \1", "return 1 + @", "x = 1 @", "local a = 1 @", "f() @", "x.y @", "x[1] $", "return @", "return 1 and @", "t.a.b \3", "do y # end"} do
  print(select(2, load(s, "=c")))
end
