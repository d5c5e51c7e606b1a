package org.jdpu.runtime;

import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

/**
 * Host software's view of an AXI4-Lite slave in a simulation: 32-bit register writes and reads
 * with the full handshake (address and data offered together, each held until accepted, then the
 * response taken), one clock edge at a time. A slave that does not answer within
 * {@link #TIMEOUT} cycles is an {@link EngineHangException}.
 */
public final class AxiLiteHost {
    /** Cycles a single register access may take before the slave counts as hung. */
    public static final int TIMEOUT = 1000;

    private final Simulator sim;
    private final Port awaddr, awvalid, awready, wdata, wstrb, wvalid, wready, bvalid, bready, bresp;
    private final Port araddr, arvalid, arready, rdata, rvalid, rready, rresp;

    /** @param prefix the slave's port prefix, e.g. {@code s_axi_control} */
    public AxiLiteHost(Simulator sim, String prefix) {
        this.sim = sim;
        awaddr = sim.port(prefix + "_awaddr");
        awvalid = sim.port(prefix + "_awvalid");
        awready = sim.port(prefix + "_awready");
        wdata = sim.port(prefix + "_wdata");
        wstrb = sim.port(prefix + "_wstrb");
        wvalid = sim.port(prefix + "_wvalid");
        wready = sim.port(prefix + "_wready");
        bvalid = sim.port(prefix + "_bvalid");
        bready = sim.port(prefix + "_bready");
        bresp = sim.port(prefix + "_bresp");
        araddr = sim.port(prefix + "_araddr");
        arvalid = sim.port(prefix + "_arvalid");
        arready = sim.port(prefix + "_arready");
        rdata = sim.port(prefix + "_rdata");
        rvalid = sim.port(prefix + "_rvalid");
        rready = sim.port(prefix + "_rready");
        rresp = sim.port(prefix + "_rresp");
        idle();
    }

    private void idle() {
        awvalid.set(0);
        wvalid.set(0);
        bready.set(0);
        arvalid.set(0);
        rready.set(0);
        wstrb.set(0xF);
    }

    /** Writes {@code value} to the register at byte offset {@code offset}. */
    public void write(int offset, long value) {
        awaddr.set(offset);
        wdata.set(value & 0xFFFFFFFFL);
        wstrb.set(0xF);
        awvalid.set(1);
        wvalid.set(1);
        boolean addrDone = false, dataDone = false;
        for (int t = 0; !(addrDone && dataDone); t++) {
            check(t, "write", offset);
            sim.eval();
            boolean a = !addrDone && awready.get() != 0, d = !dataDone && wready.get() != 0;
            sim.step();
            if (a) {
                addrDone = true;
                awvalid.set(0);
            }
            if (d) {
                dataDone = true;
                wvalid.set(0);
            }
        }
        bready.set(1);
        for (int t = 0; ; t++) {
            check(t, "write response", offset);
            sim.eval();
            if (bvalid.get() != 0) break;
            sim.step();
        }
        long resp = bresp.get();
        sim.step();
        bready.set(0);
        sim.eval();
        if (resp != 0) throw new IllegalStateException("register write at 0x" + Integer.toHexString(offset) + " answered " + resp);
    }

    /** Reads the 32-bit register at byte offset {@code offset}. */
    public long read(int offset) {
        araddr.set(offset);
        arvalid.set(1);
        for (int t = 0; ; t++) {
            check(t, "read", offset);
            sim.eval();
            boolean a = arready.get() != 0;
            sim.step();
            if (a) break;
        }
        arvalid.set(0);
        rready.set(1);
        for (int t = 0; ; t++) {
            check(t, "read data", offset);
            sim.eval();
            if (rvalid.get() != 0) break;
            sim.step();
        }
        long v = rdata.get() & 0xFFFFFFFFL;
        long resp = rresp.get();
        sim.step();
        rready.set(0);
        sim.eval();
        if (resp != 0) throw new IllegalStateException("register read at 0x" + Integer.toHexString(offset) + " answered " + resp);
        return v;
    }

    private static void check(int t, String what, int offset) {
        if (t >= TIMEOUT) {
            throw new EngineHangException("the control slave did not complete a register " + what + " at 0x"
                    + Integer.toHexString(offset) + " within " + TIMEOUT + " cycles");
        }
    }
}
