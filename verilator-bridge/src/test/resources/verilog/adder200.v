// Test fixture: combinational adder with 200-bit operands, and the negation of a signed 200-bit
// input, to exercise ports wider than 64 bits in both signednesses.
module adder200 (
    input  wire         [199:0] a,
    input  wire         [199:0] b,
    output wire         [200:0] sum,
    input  wire signed  [199:0] s,
    output wire signed  [199:0] neg_s,
    output wire signed  [39:0]  low_s
);
    assign sum   = {1'b0, a} + {1'b0, b};
    assign neg_s = -s;
    assign low_s = s[39:0];
endmodule
