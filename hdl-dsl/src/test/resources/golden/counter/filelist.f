counter.v
