// Test fixture: logic on a 1x clock and on a 2x clock edge-aligned with it. count1x counts clk
// edges, count2x clk2x edges, acc2x adds the input d at every clk2x edge, and seen1x is the 2x
// domain's phase bit as the 1x domain samples it (constant when the clocks are aligned).
module double_rate (
    input  wire       clk,
    input  wire       rst,
    input  wire       clk2x,
    input  wire       rst2x,
    input  wire [7:0] d,
    output reg  [7:0] count1x,
    output reg  [7:0] count2x,
    output reg  [7:0] acc2x,
    output reg        seen1x
);
    reg phase2x;
    always @(posedge clk) begin
        if (rst) count1x <= 8'd0;
        else count1x <= count1x + 8'd1;
        seen1x <= phase2x;
    end
    always @(posedge clk2x) begin
        if (rst2x) begin
            count2x <= 8'd0;
            acc2x <= 8'd0;
            phase2x <= 1'b0;
        end else begin
            count2x <= count2x + 8'd1;
            acc2x <= acc2x + d;
            phase2x <= ~phase2x;
        end
    end
endmodule
