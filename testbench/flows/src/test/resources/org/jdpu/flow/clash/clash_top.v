// Test fixture: a net with two drivers, which Yosys 'check -assert' rejects.
module clash_top (
    input  wire a,
    input  wire b,
    output wire y
);
    assign y = a;
    assign y = b;
endmodule
