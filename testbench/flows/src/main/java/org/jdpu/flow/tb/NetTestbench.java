package org.jdpu.flow.tb;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.IdWord;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.flow.EnginePorts;
import org.jdpu.flow.FlowException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-checking testbench {@code tb_dpu_top.sv}: the network engine {@code dpu_top} with both
 * AXI4 masters on the behavioural DDR {@code axi_ddr} (emitted from the DSL beside it). It loads
 * the DDR image ({@code vectors/ddr.hex}: the compiled program, weights, biases and input)
 * through the DDR's backdoor, then does what host software does: checks ID, writes the
 * instruction address and count and every region's base and bound over AXI4-Lite, writes START,
 * waits for {@code irq} (with a timeout), reads STATUS, FAULT and CYCLES and clears the interrupt.
 * Then it reads every layer's output back through the backdoor and compares it with
 * {@code vectors/expected.hex} (the golden model's bytes). It prints one {@code PASS}/{@code FAIL}
 * line and ends with {@code $finish}, or {@code $fatal} (non-zero exit) on failure. Written in the
 * subset of SystemVerilog that Icarus Verilog ({@code iverilog -g2012}) and Verilator
 * ({@code --binary --timing}) both accept.
 */
public final class NetTestbench {
    private NetTestbench() {}

    public static final String FILE = "tb_dpu_top.sv";
    public static final String MODULE = "tb_dpu_top";
    public static final String DDR_MODULE = "axi_ddr";
    /** The DDR model's slave port prefixes, named after the engine's masters. */
    static final String DDR_DATA = "s_axi_data", DDR_INSTR = "s_axi_instr";

    public static String render(DpuConfig cfg, NetVectors v, List<EnginePorts.Port> top, List<EnginePorts.Port> ddr) {
        String c = TopInterface.CONTROL;
        Map<String, EnginePorts.Port> topByName = new HashMap<>();
        for (EnginePorts.Port p : top) topByName.put(p.name(), p);
        int bdAddrBits = width(ddr, "bd_addr");
        int db = v.dataBytes();
        long timeout = 4 * v.predictedCycles() + 100_000;

        StringBuilder decl = new StringBuilder();
        StringBuilder dutConn = new StringBuilder();
        for (EnginePorts.Port p : top) {
            String n = p.name();
            if (n.equals(TopInterface.CLOCK) || n.equals(TopInterface.RESET)) {
                dutConn.append("        .").append(n).append('(').append(n).append("),\n");
                continue;
            }
            boolean tbDrives = n.startsWith(c + "_") && !p.output();
            decl.append("    ").append(tbDrives ? "reg " : "wire ").append(range(p.width())).append(n)
                    .append(tbDrives ? " = 0" : "").append(";\n");
            dutConn.append("        .").append(n).append('(').append(n).append("),\n");
        }
        StringBuilder ddrConn = new StringBuilder();
        List<String> unknown = new ArrayList<>();
        for (EnginePorts.Port p : ddr) {
            String n = p.name();
            String to;
            if (n.equals(TopInterface.CLOCK) || n.equals(TopInterface.RESET)) to = n;
            else if (n.startsWith(DDR_DATA + "_")) to = TopInterface.DATA + n.substring(DDR_DATA.length());
            else if (n.startsWith(DDR_INSTR + "_")) to = TopInterface.INSTR + n.substring(DDR_INSTR.length());
            else if (n.startsWith("bd_")) to = n;
            else to = switch (n) {
                case "cfg_read_latency" -> sized(p.width(), NetVectors.TIMING.readLatency());
                case "cfg_write_latency" -> sized(p.width(), NetVectors.TIMING.writeLatency());
                case "cfg_outstanding" -> sized(p.width(), NetVectors.TIMING.outstanding());
                case "cfg_beat_gap" -> sized(p.width(), NetVectors.TIMING.beatGap());
                case "cfg_stress", "cfg_seed", "cfg_error_addr", "cfg_error_enable" -> sized(p.width(), 0);
                default -> null;
            };
            if (to == null) {
                unknown.add(n);
                continue;
            }
            EnginePorts.Port peer = topByName.get(to);
            if ((n.startsWith(DDR_DATA) || n.startsWith(DDR_INSTR)) && (peer == null || peer.output() == p.output() || peer.width() != p.width())) {
                throw new FlowException("the DDR model's port " + n + " has no matching engine port " + to);
            }
            ddrConn.append("        .").append(n).append('(').append(to).append("),\n");
        }
        if (!unknown.isEmpty()) throw new FlowException("the testbench does not know the DDR model's ports " + unknown);

        StringBuilder program = new StringBuilder();
        program.append(write(ControlRegister.INSTR_ADDR_LO.offset(), v.instructionBase() & 0xFFFFFFFFL, "INSTR_ADDR_LO"));
        program.append(write(ControlRegister.INSTR_ADDR_HI.offset(), v.instructionBase() >>> 32, "INSTR_ADDR_HI"));
        program.append(write(ControlRegister.INSTR_COUNT.offset(), v.instructions(), "INSTR_COUNT"));
        for (int r = 0; r < ControlRegister.REGIONS; r++) {
            program.append(write(ControlRegister.BASE_LO.offset(r), v.regionBase()[r] & 0xFFFFFFFFL, "BASE_LO[" + r + "]"));
            program.append(write(ControlRegister.BASE_HI.offset(r), v.regionBase()[r] >>> 32, "BASE_HI[" + r + "]"));
            program.append(write(ControlRegister.BOUND.offset(r), v.regionSize()[r], "BOUND[" + r + "]"));
        }
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < v.layers(); i++) layers.append("//   layer ").append(i).append(": ").append(v.layerNames().get(i)).append('\n');

        return """
                // Self-checking testbench for jdpu %1$s (generated by jdpu; do not edit).
                // Network: %2$s.
                %3$s// dpu_top runs the compiled program from the behavioural DDR axi_ddr: vectors/ddr.hex is loaded
                // through the DDR's backdoor, the control registers are programmed over AXI4-Lite as host
                // software would, and after the interrupt every layer's output in DDR is compared with the golden
                // model's bytes in vectors/expected.hex. Run from this directory: run_icarus.sh or run_verilator.sh.
                module %4$s;
                    localparam integer BEATS = %5$d;
                    localparam integer CHECKS = %6$d;
                    localparam integer DB = %7$d;
                    localparam integer BDW = %8$d;
                    localparam integer EW = %9$d;
                    localparam integer TIMEOUT = %10$d;
                    localparam [31:0] ID = 32'h%11$08x;

                    reg clk = 1'b0;
                    reg rst = 1'b1;
                %12$s
                    reg bd_we = 1'b0;
                    reg [BDW-1:0] bd_addr = 0;
                    reg [8*DB-1:0] bd_wdata = 0;
                    wire [8*DB-1:0] bd_rdata;

                    dpu_top dut (
                %13$s    );

                    %14$s ddr (
                %15$s    );

                    always #5 clk <= ~clk;

                    reg [8*DB-1:0] image [0:BEATS-1];
                    reg [EW-1:0] expected [0:CHECKS-1];
                    reg [EW-1:0] want;
                    reg [8*DB-1:0] got;
                    reg [31:0] rd;
                    reg [1:0] resp;
                    integer i, lane, t, cycles, compared, mismatches, bus_errors;
                    reg a_ok, d_ok, a_fire, d_fire;

                    // One rising edge; inputs change and outputs are sampled 1 ns after it.
                    task tick;
                        begin
                            @(posedge clk);
                            #1;
                        end
                    endtask

                    // An AXI4-Lite register write: address and data offered together, each held until taken.
                    task axil_write(input [31:0] addr, input [31:0] data);
                        begin
                            %16$s_awaddr = addr[%17$d:0];
                            %16$s_wdata = data;
                            %16$s_wstrb = 4'hf;
                            %16$s_awvalid = 1'b1;
                            %16$s_wvalid = 1'b1;
                            a_ok = 1'b0;
                            d_ok = 1'b0;
                            t = 0;
                            while (!(a_ok && d_ok) && t < 1000) begin
                                #1;
                                a_fire = %16$s_awvalid && %16$s_awready;
                                d_fire = %16$s_wvalid && %16$s_wready;
                                tick;
                                if (a_fire) begin %16$s_awvalid = 1'b0; a_ok = 1'b1; end
                                if (d_fire) begin %16$s_wvalid = 1'b0; d_ok = 1'b1; end
                                t = t + 1;
                            end
                            %16$s_bready = 1'b1;
                            #1;
                            while (!%16$s_bvalid && t < 1000) begin
                                tick;
                                t = t + 1;
                            end
                            resp = %16$s_bresp;
                            tick;
                            %16$s_bready = 1'b0;
                            if (t >= 1000 || resp != 2'd0) begin
                                bus_errors = bus_errors + 1;
                                $display("%4$s: register write at 0x%%03h failed (response %%0d, %%0d cycles)", addr, resp, t);
                            end
                        end
                    endtask

                    // An AXI4-Lite register read into rd.
                    task axil_read(input [31:0] addr);
                        begin
                            %16$s_araddr = addr[%17$d:0];
                            %16$s_arvalid = 1'b1;
                            a_ok = 1'b0;
                            t = 0;
                            while (!a_ok && t < 1000) begin
                                #1;
                                a_fire = %16$s_arready;
                                tick;
                                if (a_fire) begin %16$s_arvalid = 1'b0; a_ok = 1'b1; end
                                t = t + 1;
                            end
                            %16$s_rready = 1'b1;
                            #1;
                            while (!%16$s_rvalid && t < 1000) begin
                                tick;
                                t = t + 1;
                            end
                            rd = %16$s_rdata;
                            resp = %16$s_rresp;
                            tick;
                            %16$s_rready = 1'b0;
                            if (t >= 1000 || resp != 2'd0) begin
                                bus_errors = bus_errors + 1;
                                $display("%4$s: register read at 0x%%03h failed (response %%0d, %%0d cycles)", addr, resp, t);
                            end
                        end
                    endtask

                    initial begin
                        $readmemh("vectors/ddr.hex", image);
                        $readmemh("vectors/expected.hex", expected);
                        compared = 0;
                        mismatches = 0;
                        bus_errors = 0;
                        #1;
                        tick;
                        tick;
                        tick;
                        tick;
                        rst = 1'b0;
                        // The program, its parameters and the input, as a driver would copy them into its buffer.
                        for (i = 0; i < BEATS; i = i + 1) begin
                            bd_we = 1'b1;
                            bd_addr = i[BDW-1:0];
                            bd_wdata = image[i];
                            tick;
                        end
                        bd_we = 1'b0;
                        axil_read(32'h%18$03x);
                        if (rd != ID) begin
                            $display("%4$s: FAIL: ID register reads %%h, expected %%h (wrong configuration?), 0 mismatches", rd, ID);
                            $fatal(1, "wrong configuration");
                        end
                %19$s        axil_write(32'h%20$03x, 32'd1); // START
                        cycles = 0;
                        while (!irq && cycles < TIMEOUT) begin
                            tick;
                            cycles = cycles + 1;
                        end
                        if (!irq) begin
                            $display("%4$s: FAIL: %1$s, no interrupt within %%0d cycles, 0 mismatches", TIMEOUT);
                            $fatal(1, "timeout");
                        end
                        axil_read(32'h%21$03x); // STATUS
                        if (rd[2]) begin
                            axil_read(32'h%22$03x); // FAULT
                            $display("%4$s: the engine reports fault code %%0d (queue bits %%b)", rd[7:0], rd[11:8]);
                            axil_read(32'h%23$03x); // FAULT_INSTR
                            $display("%4$s: at instruction %%0d", rd);
                            bus_errors = bus_errors + 1;
                        end
                        axil_read(32'h%24$03x); // CYCLES_LO
                        $display("%4$s: interrupt after %%0d cycles (CYCLES %%0d, cycle model %27$d)", cycles, rd);
                        axil_write(32'h%20$03x, 32'd2); // clear the interrupt
                        // Every layer's output, read back through the backdoor (data one cycle after the address).
                        for (i = 0; i < CHECKS; i = i + 1) begin
                            want = expected[i];
                            bd_addr = want[8*DB + DB +: BDW];
                            tick;
                            got = bd_rdata;
                            for (lane = 0; lane < DB; lane = lane + 1) begin
                                if (want[8*DB + lane]) begin
                                    compared = compared + 1;
                                    if (got[8*lane +: 8] !== want[8*lane +: 8]) begin
                                        if (mismatches < 10)
                                            $display("%4$s: mismatch in layer %%0d at DDR byte 0x%%0h: expected %%0d, got %%0d",
                                                     want[EW-1 -: 8], want[8*DB + DB +: 32] * DB + lane,
                                                     $signed(want[8*lane +: 8]), $signed(got[8*lane +: 8]));
                                        mismatches = mismatches + 1;
                                    end
                                end
                            end
                        end
                        if (mismatches == 0 && bus_errors == 0 && compared == %25$d) begin
                            $display("%4$s: PASS: %1$s, %26$d layers, %%0d bytes compared, 0 mismatches, %%0d cycles", compared, cycles);
                            $finish;
                        end else begin
                            $display("%4$s: FAIL: %1$s, %%0d mismatches in %%0d bytes compared, %%0d bus or fault errors",
                                     mismatches, compared, bus_errors);
                            $fatal(1, "testbench failed");
                        end
                    end
                endmodule
                """.formatted(cfg.name(), v.description(), layers, MODULE, v.imageBeats(), v.checks().size(), db,
                bdAddrBits, NetVectorFiles.expectedBits(db), timeout, IdWord.of(cfg), decl, dutConn.toString().replaceAll(",\n$", "\n"),
                DDR_MODULE, ddrConn.toString().replaceAll(",\n$", "\n"), c, ControlRegister.ADDRESS_BITS - 1,
                ControlRegister.ID.offset(), program, ControlRegister.CTRL.offset(), ControlRegister.STATUS.offset(),
                ControlRegister.FAULT.offset(), ControlRegister.FAULT_INSTR.offset(), ControlRegister.CYCLES_LO.offset(),
                v.comparedBytes(), v.layers(), v.predictedCycles());
    }

    private static String write(int offset, long value, String name) {
        return String.format(Locale.ROOT, "        axil_write(32'h%03x, 32'h%08x); // %s%n", offset, value, name);
    }

    private static int width(List<EnginePorts.Port> ports, String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new FlowException("the DDR model has no port " + name)).width();
    }

    private static String range(int width) {
        return width == 1 ? "" : "[" + (width - 1) + ":0] ";
    }

    private static String sized(int width, long value) {
        return width + "'d" + value;
    }
}
