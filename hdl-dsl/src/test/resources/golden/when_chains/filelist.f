when_chains.v
