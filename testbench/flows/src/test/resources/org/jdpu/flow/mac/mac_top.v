// Test fixture: four signed 8-bit weights read from block RAM, multiplied with one activation each
// and accumulated; the four products must map to DSP slices.
module mac_top (
    input  wire               clk,
    input  wire               rst,
    input  wire               we,
    input  wire [9:0]         waddr,
    input  wire [31:0]        wdata,
    input  wire [9:0]         raddr,
    input  wire signed [7:0]  act,
    input  wire               acc_en,
    output reg  signed [31:0] acc
);
    wire [31:0] w;
    weight_ram u_ram (.clk(clk), .we(we), .waddr(waddr), .wdata(wdata), .raddr(raddr), .rdata(w));
    wire signed [15:0] p0 = act * $signed(w[7:0]);
    wire signed [15:0] p1 = act * $signed(w[15:8]);
    wire signed [15:0] p2 = act * $signed(w[23:16]);
    wire signed [15:0] p3 = act * $signed(w[31:24]);
    wire signed [17:0] sum = 18'(p0) + 18'(p1) + 18'(p2) + 18'(p3);
    always @(posedge clk) begin
        if (rst) acc <= 32'sd0;
        else if (acc_en) acc <= acc + 32'(sum);
    end
endmodule
