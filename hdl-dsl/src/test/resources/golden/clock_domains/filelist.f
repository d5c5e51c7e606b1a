Stage.v
clock_domains.v
