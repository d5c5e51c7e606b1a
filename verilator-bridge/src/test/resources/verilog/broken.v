// Test fixture: does not compile (undeclared identifier), for the error-message test.
module broken (
    input  wire [3:0] a,
    output wire [3:0] y
);
    assign y = a + missing_signal;
endmodule
