naming.v
