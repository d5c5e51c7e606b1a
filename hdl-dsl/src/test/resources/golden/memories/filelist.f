memories.v
