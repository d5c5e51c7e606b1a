// Test fixture: counts cycles and stops the simulation with $fatal when trip is high at a clock edge.
module guard (
    input  wire       clk,
    input  wire       trip,
    output reg  [3:0] n
);
    initial n = 4'd0;
    always @(posedge clk) begin
        n <= n + 4'd1;
        if (trip) $fatal(1, "trip was asserted");
    end
endmodule
