package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;
import org.jdpu.rtl.hw.DpuCore;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The control block wired to the real core ({@code dpu_core}) through its register port, busy and
 * done, with everything else brought out for the Java testbench: the AXI4-Lite slave, the fetch
 * master, the two DMA command ports, the core's load and output-read ports (the Java DMA models
 * drive them) and, for the log, the core's register strobe, busy and done.
 */
final class NetBench extends HwModule {
    static final String TOP = "net_bench";

    NetBench(DpuConfig c, AxiConfig a) {
        AxiLite sAxi = input("s_axi", new AxiLite(ControlRegister.ADDRESS_BITS, 32));
        Axi4 mAxi = output("m_axi", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));
        Bool irq = output("irq", bool());
        DmaPort load = output("load", new DmaPort(true));
        DmaPort save = output("save", new DmaPort(false));
        Bool ldWe = input(HostPort.LD_WE.portName(), bool());
        UInt ldSel = in(HostPort.LD_SEL, c), ldBank = in(HostPort.LD_BANK, c), ldAddr = in(HostPort.LD_ADDR, c);
        UInt ldData = in(HostPort.LD_DATA, c), rdAddr = in(HostPort.RD_ADDR, c);
        UInt rdData = output(HostPort.RD_DATA.portName(), uint(HostPort.RD_DATA.width(c)));
        Bool coreBusy = output("core_busy", bool()), coreDone = output("core_done", bool());
        Bool coreRegWe = output("core_reg_we", bool());
        UInt coreRegAddr = output("core_reg_addr", uint(Register.ADDRESS_BITS));

        NetControl ctrl = instance("ctrl", new NetControl(c, a));
        DpuCore core = instance("core", new DpuCore(c));
        ctrl.sAxi.assign(sAxi);
        mAxi.assign(ctrl.mAxi);
        load.assign(ctrl.load);
        save.assign(ctrl.save);
        irq.assign(ctrl.irq);
        core.regWe.assign(ctrl.regWe);
        core.regAddr.assign(ctrl.regAddr);
        core.regWdata.assign(ctrl.regWdata);
        ctrl.coreBusy.assign(core.busyOut);
        ctrl.coreDone.assign(core.doneOut);
        core.ldWe.assign(ldWe);
        core.ldSel.assign(ldSel);
        core.ldBank.assign(ldBank);
        core.ldAddr.assign(ldAddr);
        core.ldData.assign(ldData);
        core.rdAddr.assign(rdAddr);
        rdData.assign(core.rdData);
        coreBusy.assign(core.busyOut);
        coreDone.assign(core.doneOut);
        coreRegWe.assign(ctrl.regWe);
        coreRegAddr.assign(ctrl.regAddr);
    }

    private UInt in(HostPort p, DpuConfig c) {
        return input(p.portName(), uint(p.width(c)));
    }

    @Override
    protected String moduleName() {
        return TOP;
    }
}
