DotProductPe2.v
pe_grid.v
