package org.jdpu.runtime;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.IdWord;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Queue;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.memory.AxiRule;
import org.jdpu.memory.DdrTiming;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

import java.util.function.LongConsumer;

/**
 * Drives the network cosimulation harness the way host software drives the engine on a board:
 * puts the instructions and the regions into DDR (through the simulated DDR's backdoor, as a
 * driver's buffer allocation and copy would), writes the instruction address, the base and bound
 * of every region and START over AXI4-Lite, waits for the interrupt, then reads the status, the
 * fault and the counters. The DDR's timing (and its stress mode) is set before the run; the AXI
 * protocol checkers on both masters are read after it. Not thread-safe; one run at a time.
 */
public final class NetSession implements AutoCloseable {
    /** Prefixes of the harness's checker outputs: {@code <prefix>_error}, {@code _error_code}, {@code _error_cycle}. */
    public static final String DATA_CHECK = "data_check", INSTR_CHECK = "instr_check";
    /** Prefix of the harness's DDR backdoor ports. */
    public static final String BACKDOOR = "ddr_bd";
    /** Where the program's instructions start in the simulated DDR. */
    public static final long DDR_START = 0x10_0000;

    private final DpuConfig config;
    private final AxiConfig axi;
    private final Simulator sim;
    private final AxiLiteHost host;
    private final DdrBackdoor ddr;
    private final Port irq;

    public NetSession(DpuConfig config, AxiConfig axi, Simulator sim) {
        this.config = config;
        this.axi = axi;
        this.sim = sim;
        sim.port("cfg_error_enable").set(0);
        sim.port("cfg_error_addr").set(0);
        sim.port("win_enable").set(0);
        timing(DdrTiming.IDEAL, false, 0);
        sim.reset(4);
        host = new AxiLiteHost(sim, TopInterface.CONTROL);
        ddr = new DdrBackdoor(sim, BACKDOOR, axi.dataBytes());
        irq = sim.port(TopInterface.IRQ);
        long id = host.read(ControlRegister.ID.offset());
        if (id != IdWord.of(config)) {
            throw new IllegalStateException("the simulated engine reports ID " + Long.toHexString(id) + " ("
                    + IdWord.describe(id) + ") but configuration " + config.name() + " expects " + Long.toHexString(IdWord.of(config)));
        }
    }

    public DpuConfig config() {
        return config;
    }

    public AxiConfig axi() {
        return axi;
    }

    public Simulator simulator() {
        return sim;
    }

    public AxiLiteHost host() {
        return host;
    }

    public DdrBackdoor ddr() {
        return ddr;
    }

    /** Sets the DDR's latency, outstanding limit and throughput, and its seeded random stress (applied at the next reset). */
    public void timing(DdrTiming t, boolean stress, long seed) {
        sim.port("cfg_read_latency").set(t.readLatency());
        sim.port("cfg_write_latency").set(t.writeLatency());
        sim.port("cfg_outstanding").set(t.outstanding());
        sim.port("cfg_beat_gap").set(t.beatGap());
        sim.port("cfg_stress").set(stress ? 1 : 0);
        sim.port("cfg_seed").set(seed & 0xFFFFFFFFL);
    }

    /** Makes a burst touching the beat at {@code address} answer SLVERR (a DDR fault for tests); negative to turn it off. */
    public void injectError(long address) {
        sim.port("cfg_error_enable").set(address < 0 ? 0 : 1);
        sim.port("cfg_error_addr").set(Math.max(0, address));
    }

    /** Where the data master may write: the regions of {@code map} (anything else is a protocol-check failure). */
    public void writeWindows(DdrMap map) {
        int mask = 0;
        for (int r = 0; r < ControlRegister.REGIONS; r++) {
            sim.port("win_base_" + r).set(map.regionBase()[r]);
            sim.port("win_bound_" + r).set(map.regionSize()[r]);
            if (map.regionSize()[r] > 0) mask |= 1 << r;
        }
        sim.port("win_enable").set(mask);
    }

    /** Programs the control registers for {@code map}: instructions, bases and bounds. */
    public void program(DdrMap map, int instructions) {
        host.write(ControlRegister.INSTR_ADDR_LO.offset(), map.instructionBase());
        host.write(ControlRegister.INSTR_ADDR_HI.offset(), map.instructionBase() >>> 32);
        host.write(ControlRegister.INSTR_COUNT.offset(), instructions);
        for (int r = 0; r < ControlRegister.REGIONS; r++) {
            host.write(ControlRegister.BASE_LO.offset(r), map.regionBase()[r]);
            host.write(ControlRegister.BASE_HI.offset(r), map.regionBase()[r] >>> 32);
            host.write(ControlRegister.BOUND.offset(r), map.regionSize()[r]);
        }
    }

    /**
     * Starts the program and clocks until the interrupt, at most {@code maxCycles} cycles.
     *
     * @param progress told the cycles clocked so far, now and then (may be null)
     * @throws EngineHangException when no interrupt comes in time
     */
    public NetRun run(long maxCycles, LongConsumer progress) {
        host.write(ControlRegister.CTRL.offset(), 1);
        long clocked = 0;
        int chunk = 256;
        sim.eval();
        while (irq.get() == 0) {
            if (clocked >= maxCycles) {
                throw new EngineHangException("the engine raised no interrupt within " + clocked + " cycles");
            }
            sim.step(chunk);
            clocked += chunk;
            chunk = Math.min(chunk * 2, 1 << 16);
            if (progress != null) progress.accept(clocked);
        }
        long status = host.read(ControlRegister.STATUS.offset());
        long fault = host.read(ControlRegister.FAULT.offset());
        long faultInstr = host.read(ControlRegister.FAULT_INSTR.offset());
        long cycles = host.read(ControlRegister.CYCLES_LO.offset()) | host.read(ControlRegister.CYCLES_HI.offset()) << 32;
        long[] done = new long[Queue.COUNT], busy = new long[Queue.COUNT];
        for (Queue q : Queue.values()) {
            done[q.index()] = host.read(ControlRegister.DONE_COUNT.offset(q.index()));
            busy[q.index()] = host.read(ControlRegister.BUSY_CYCLES.offset(q.index()));
        }
        host.write(ControlRegister.CTRL.offset(), 2);
        Fault f = (status & 4) != 0 ? Fault.ofCode(fault & 0xFF) : Fault.NONE;
        return new NetRun(cycles, f == null ? Fault.NONE : f, (int) (fault >>> 8 & 0xF), faultInstr, done, busy,
                check(DATA_CHECK), check(INSTR_CHECK));
    }

    private NetRun.Violation check(String prefix) {
        if (sim.port(prefix + "_error").get() == 0) return null;
        AxiRule rule = AxiRule.ofCode((int) sim.port(prefix + "_error_code").get());
        return new NetRun.Violation(prefix, rule, sim.port(prefix + "_error_cycle").get());
    }

    @Override
    public void close() {
        sim.close();
    }
}
