switches.v
