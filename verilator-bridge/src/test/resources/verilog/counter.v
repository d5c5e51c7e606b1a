// Test fixture: 8-bit counter with synchronous active-high reset and an enable, plus a flag that
// is high while the count is at its maximum.
module counter (
    input  wire       clk,
    input  wire       rst,
    input  wire       en,
    output reg  [7:0] count,
    output wire       at_max
);
    always @(posedge clk) begin
        if (rst) count <= 8'd0;
        else if (en) count <= count + 8'd1;
    end
    assign at_max = count == 8'hff;
endmodule
