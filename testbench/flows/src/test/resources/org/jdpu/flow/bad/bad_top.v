// Test fixture: what the mapping checks must catch, in one small design: a latch, a multiply too
// narrow for a DSP slice and a small memory that becomes distributed RAM.
module bad_top (
    input  wire       clk,
    input  wire       en,
    input  wire [3:0] a,
    input  wire [3:0] b,
    input  wire       we,
    input  wire [3:0] addr,
    input  wire [7:0] wdata,
    output reg  [3:0] held,
    output reg  [7:0] product,
    output wire [7:0] rdata
);
    always @* if (en) held = a;
    always @(posedge clk) product <= a * b;
    reg [7:0] mem [0:15];
    always @(posedge clk) if (we) mem[addr] <= wdata;
    assign rdata = mem[addr];
endmodule
