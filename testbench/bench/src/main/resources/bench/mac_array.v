// Benchmark design of the Verilator bridge: 64 lanes of signed 8x8 multiply-accumulate.
// Each cycle lane i multiplies the signed bytes a[8i+7:8i] and b[8i+7:8i] and adds the product
// to its 32-bit accumulator (acc[32i+31:32i]); dot registers the sum of this cycle's 64 products.
// rst (synchronous, active high) clears everything.
module mac_array (
    input  wire               clk,
    input  wire               rst,
    input  wire [511:0]       a,
    input  wire [511:0]       b,
    output wire [2047:0]      acc,
    output reg  signed [31:0] dot
);
    localparam LANES = 64;

    wire signed [15:0] prod [0:LANES-1];
    reg  signed [31:0] sum;
    integer k;

    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : lane
            reg signed [31:0] r;
            assign prod[i] = $signed(a[8*i +: 8]) * $signed(b[8*i +: 8]);
            always @(posedge clk) begin
                if (rst) r <= 32'sd0;
                else r <= r + {{16{prod[i][15]}}, prod[i]};
            end
            assign acc[32*i +: 32] = r;
        end
    endgenerate

    always @* begin
        sum = 32'sd0;
        for (k = 0; k < LANES; k = k + 1) sum = sum + {{16{prod[k][15]}}, prod[k]};
    end

    always @(posedge clk) begin
        if (rst) dot <= 32'sd0;
        else dot <= sum;
    end
endmodule
