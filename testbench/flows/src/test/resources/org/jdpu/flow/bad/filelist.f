bad_top.v
