-- load does not skip a first line starting with "#" (only files do)
print(load("#x=1"))
print(load("# comment\nreturn 1"))
print(load("  #x"))
