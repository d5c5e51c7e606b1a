ram.v
