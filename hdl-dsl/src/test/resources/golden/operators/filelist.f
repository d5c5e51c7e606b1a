operators.v
