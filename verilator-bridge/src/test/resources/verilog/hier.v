// Test fixture: two instances of the counter fixture under one top, for waveform scope filters.
// Build it from hier.v and counter.v.
module hier (
    input  wire       clk,
    input  wire       rst,
    input  wire       en_a,
    input  wire       en_b,
    output wire [7:0] count_a,
    output wire [7:0] count_b
);
    wire max_a, max_b;
    counter u_a (.clk(clk), .rst(rst), .en(en_a), .count(count_a), .at_max(max_a));
    counter u_b (.clk(clk), .rst(rst), .en(en_b), .count(count_b), .at_max(max_b));
endmodule
