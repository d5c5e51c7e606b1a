weight_ram.v
mac_top.v
