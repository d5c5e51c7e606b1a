Inc.v
unused.v
