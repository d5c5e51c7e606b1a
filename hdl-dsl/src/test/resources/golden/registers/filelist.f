registers.v
