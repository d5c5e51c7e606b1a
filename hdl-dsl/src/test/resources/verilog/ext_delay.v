// A registered hand-written module used as a black box by the tests: q follows d one cycle later.
module ext_delay #(
  parameter W = 8
) (
  input wire clk,
  input wire [W-1:0] d,
  output reg [W-1:0] q
);
  always @(posedge clk) q <= d;
endmodule
