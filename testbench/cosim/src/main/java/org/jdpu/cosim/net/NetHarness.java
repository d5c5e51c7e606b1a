package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.AxiLite;
import org.jdpu.memory.AxiChecker;
import org.jdpu.memory.AxiDdr;
import org.jdpu.memory.AxiRule;
import org.jdpu.memory.DdrTiming;
import org.jdpu.rtl.net.NetTop;
import org.jdpu.runtime.NetSession;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The network cosimulation's world: the engine ({@link NetTop}) with its two AXI4 masters on the
 * simulated DDR ({@link AxiDdr}) and a protocol checker ({@link AxiChecker}) on each, so the only
 * things left to the Java testbench are what host software does (the AXI4-Lite control port and the
 * interrupt) and what a test needs (the DDR's timing knobs, its backdoor, the checkers' verdicts and
 * the write windows the data port must stay in).
 */
public final class NetHarness extends HwModule {
    /** Verilog module name of the harness. */
    public static final String TOP = "dpu_net_harness";

    private final DpuConfig config;

    public NetHarness(DpuConfig c, AxiConfig a, int ddrBytes) {
        this.config = c;
        NetTop top = instance("dpu", new NetTop(c, a));
        AxiDdr ddr = instance("ddr", new AxiDdr(a, ddrBytes));
        AxiLite control = input(TopInterface.CONTROL, new AxiLite(ControlRegister.ADDRESS_BITS, 32));
        top.control.assign(control);
        output(TopInterface.IRQ, bool()).assign(top.irq);
        ddr.sAxiInstr.assign(top.instr);
        ddr.sAxiData.assign(top.data);

        AxiChecker data = instance("data_checker", new AxiChecker(a, AxiDdr.ID_BITS, "axi"));
        data.bus.watch(top.data);
        for (int i = 0; i < AxiChecker.WINDOWS; i++) {
            data.winBase.get(i).assign(input("win_base_" + i, uint(AxiConfig.ADDRESS_BITS)));
            data.winBound.get(i).assign(input("win_bound_" + i, uint(AxiChecker.BOUND_BITS)));
        }
        data.winEnable.assign(input("win_enable", uint(AxiChecker.WINDOWS)));
        verdict(NetSession.DATA_CHECK, data);
        AxiChecker instr = instance("instr_checker", new AxiChecker(a, AxiDdr.ID_BITS, "axi"));
        instr.bus.watch(top.instr);
        for (int i = 0; i < AxiChecker.WINDOWS; i++) {
            instr.winBase.get(i).assign(0);
            instr.winBound.get(i).assign(0);
        }
        instr.winEnable.assign(0); // the fetch port must never write
        verdict(NetSession.INSTR_CHECK, instr);

        ddr.cfgReadLatency.assign(input("cfg_read_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgWriteLatency.assign(input("cfg_write_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgOutstanding.assign(input("cfg_outstanding", uint(DdrTiming.OUTSTANDING_BITS)));
        ddr.cfgBeatGap.assign(input("cfg_beat_gap", uint(DdrTiming.BEAT_GAP_BITS)));
        ddr.cfgStress.assign(input("cfg_stress", bool()));
        ddr.cfgSeed.assign(input("cfg_seed", uint(32)));
        ddr.cfgErrorAddr.assign(input("cfg_error_addr", uint(AxiConfig.ADDRESS_BITS)));
        ddr.cfgErrorEnable.assign(input("cfg_error_enable", bool()));
        ddr.bdWe.assign(input(NetSession.BACKDOOR + "_we", bool()));
        ddr.bdAddr.assign(input(NetSession.BACKDOOR + "_addr", uint(ddr.bdAddr.width())));
        ddr.bdWdata.assign(input(NetSession.BACKDOOR + "_wdata", uint(a.dataBits())));
        output(NetSession.BACKDOOR + "_rdata", uint(a.dataBits())).assign(ddr.bdRdata);
    }

    private void verdict(String prefix, AxiChecker checker) {
        Bool error = output(prefix + "_error", bool());
        UInt code = output(prefix + "_error_code", uint(AxiRule.CODE_BITS));
        UInt cycle = output(prefix + "_error_cycle", uint(AxiChecker.CYCLE_BITS));
        error.assign(checker.error);
        code.assign(checker.errorCode);
        cycle.assign(checker.errorCycle);
    }

    public DpuConfig config() {
        return config;
    }

    @Override
    protected String moduleName() {
        return TOP;
    }
}
