Inc.v
instances.v
