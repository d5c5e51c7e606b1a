// Test fixture: a 1024 x 32 RAM with one write port and one synchronous read port, written so that
// synthesis infers block RAM.
module weight_ram (
    input  wire        clk,
    input  wire        we,
    input  wire [9:0]  waddr,
    input  wire [31:0] wdata,
    input  wire [9:0]  raddr,
    output reg  [31:0] rdata
);
    reg [31:0] mem [0:1023];
    always @(posedge clk) begin
        if (we) mem[waddr] <= wdata;
        rdata <= mem[raddr];
    end
endmodule
