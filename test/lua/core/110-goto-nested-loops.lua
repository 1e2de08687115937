for i = 1, 3 do
  for j = 1, 3 do
    for k = 1, 3 do
      if i + j + k == 7 then
        print("first", i, j, k)
        goto done
      end
    end
  end
end
::done::
local rows = { { 1, 2 }, { 3, -1 }, { 5, 6 } }
for r = 1, #rows do
  for c = 1, #rows[r] do
    if rows[r][c] < 0 then goto next_row end
    print("cell", r, c, rows[r][c])
  end
  ::next_row::
end
