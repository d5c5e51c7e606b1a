clash_top.v
