package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;

import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The DDR as a cosimulation would use it: {@link AxiDdr} with an {@link AxiChecker} on each port
 * (write window: the whole address space), its AXI, cfg and backdoor ports brought out under the
 * DDR's own names, and each checker's verdict as {@code <port>_error} / {@code <port>_error_code}.
 */
final class DdrBench extends HwModule {
    static final String TOP = "ddr_bench";

    DdrBench(AxiConfig a, int sizeBytes) {
        AxiDdr ddr = instance("ddr", new AxiDdr(a, sizeBytes));
        for (String port : new String[] {"s_axi_instr", "s_axi_data"}) {
            Axi4 bus = input(port, new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), AxiDdr.ID_BITS));
            (port.equals("s_axi_instr") ? ddr.sAxiInstr : ddr.sAxiData).assign(bus);
            AxiChecker checker = instance(port + "_checker", new AxiChecker(a, AxiDdr.ID_BITS, "axi"));
            checker.bus.watch(bus);
            for (int i = 0; i < AxiChecker.WINDOWS; i++) {
                checker.winBase.get(i).assign(0);
                checker.winBound.get(i).assign(U(1L << AxiConfig.ADDRESS_BITS, AxiChecker.BOUND_BITS));
            }
            checker.winEnable.assign(1);
            Bool error = output(port + "_error", bool());
            UInt code = output(port + "_error_code", uint(AxiRule.CODE_BITS));
            error.assign(checker.error);
            code.assign(checker.errorCode);
        }
        ddr.cfgReadLatency.assign(input("cfg_read_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgWriteLatency.assign(input("cfg_write_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgOutstanding.assign(input("cfg_outstanding", uint(DdrTiming.OUTSTANDING_BITS)));
        ddr.cfgBeatGap.assign(input("cfg_beat_gap", uint(DdrTiming.BEAT_GAP_BITS)));
        ddr.cfgStress.assign(input("cfg_stress", bool()));
        ddr.cfgSeed.assign(input("cfg_seed", uint(32)));
        ddr.cfgErrorAddr.assign(input("cfg_error_addr", uint(AxiConfig.ADDRESS_BITS)));
        ddr.cfgErrorEnable.assign(input("cfg_error_enable", bool()));
        ddr.bdWe.assign(input("bd_we", bool()));
        ddr.bdAddr.assign(input("bd_addr", uint(ddr.bdAddr.width())));
        ddr.bdWdata.assign(input("bd_wdata", uint(a.dataBits())));
        output("bd_rdata", uint(a.dataBits())).assign(ddr.bdRdata);
    }

    @Override
    protected String moduleName() {
        return TOP;
    }
}
