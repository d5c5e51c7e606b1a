// Test fixture: signed 8x8 multiply-accumulate. acc <= acc + a*b when en, cleared by rst;
// prod shows the current product combinationally.
module mac (
    input  wire               clk,
    input  wire               rst,
    input  wire               en,
    input  wire signed [7:0]  a,
    input  wire signed [7:0]  b,
    output wire signed [15:0] prod,
    output reg  signed [31:0] acc
);
    assign prod = a * b;
    always @(posedge clk) begin
        if (rst) acc <= 32'sd0;
        else if (en) acc <= acc + {{16{prod[15]}}, prod};
    end
endmodule
