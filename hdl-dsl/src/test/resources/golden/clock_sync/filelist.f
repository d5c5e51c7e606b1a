clock_sync.v
