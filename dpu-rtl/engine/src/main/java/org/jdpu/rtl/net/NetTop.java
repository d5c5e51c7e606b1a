package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;
import org.jdpu.rtl.hw.DpuCore;

import static org.jdpu.hdl.Hdl.bool;

/**
 * The network engine, {@code dpu_top}, what a Zynq UltraScale+ design instantiates: the control block
 * ({@link NetControl}: AXI4-Lite registers, instruction fetch on its own AXI4 read master, the
 * four queues and their tokens), the convolution core ({@link DpuCore}), and the LOAD and SAVE DMA
 * engines sharing one AXI4 data master (LOAD owns its read channels, SAVE its write channels).
 *
 * <pre>
 *   s_axi_control --> control --reg port--> core <--ld port-- load <--AR/R-- m_axi_data
 *   m_axi_instr   <-- control --commands--> load, save        core --rd port--> save --AW/W/B--> m_axi_data
 * </pre>
 */
public final class NetTop extends HwModule {
    /** Verilog module name: the product's top level. */
    public static final String MODULE = "dpu_top";

    public final AxiLite control;
    public final Axi4 data, instr;
    public final Bool irq;
    private final DpuConfig config;
    private final AxiConfig axi;

    public NetTop(DpuConfig c, AxiConfig a) {
        this.config = c;
        this.axi = a;
        control = input(TopInterface.CONTROL, new AxiLite(ControlRegister.ADDRESS_BITS, 32));
        data = output(TopInterface.DATA, new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));
        instr = output(TopInterface.INSTR, new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));
        irq = output(TopInterface.IRQ, bool());

        NetControl ctrl = instance("control", new NetControl(c, a));
        DpuCore core = instance("core", new DpuCore(c));
        LoadEngine load = instance("load", new LoadEngine(c, a));
        SaveEngine save = instance("save", new SaveEngine(c, a));

        ctrl.sAxi.assign(control);
        instr.assign(ctrl.mAxi);
        irq.assign(ctrl.irq);

        core.regWe.assign(ctrl.regWe);
        core.regAddr.assign(ctrl.regAddr);
        core.regWdata.assign(ctrl.regWdata);
        ctrl.coreBusy.assign(core.busyOut);
        ctrl.coreDone.assign(core.doneOut);

        command(ctrl.load, load.cmd, load.done, load.fault, load.faultCode, load.busy, load.abort);
        core.ldWe.assign(load.ldWe);
        core.ldSel.assign(load.ldSel);
        core.ldBank.assign(load.ldBank);
        core.ldAddr.assign(load.ldAddr);
        core.ldData.assign(load.ldData);

        command(ctrl.save, save.cmd, save.done, save.fault, save.faultCode, save.busy, save.abort);
        core.rdAddr.assign(save.rdAddr);
        save.rdData.assign(core.rdData);

        data.ar.assign(load.mAxi.ar);
        load.mAxi.r.assign(data.r);
        data.aw.assign(save.mAxi.aw);
        data.w.assign(save.mAxi.w);
        save.mAxi.b.assign(data.b);
        // The channels each engine leaves unused: tied off inside it, read here so nothing dangles.
        save.mAxi.ar.ready.assign(0);
        save.mAxi.r.valid.assign(0);
        save.mAxi.r.id.assign(0);
        save.mAxi.r.data.assign(0);
        save.mAxi.r.resp.assign(0);
        save.mAxi.r.last.assign(0);
        load.mAxi.aw.ready.assign(0);
        load.mAxi.w.ready.assign(0);
        load.mAxi.b.valid.assign(0);
        load.mAxi.b.id.assign(0);
        load.mAxi.b.resp.assign(0);
    }

    /** The control block's command port for one engine, field by field. */
    private static void command(DmaPort port, DmaCommand cmd, Bool done, Bool fault, org.jdpu.hdl.UInt faultCode,
                                Bool busy, Bool abort) {
        cmd.valid.assign(port.cmdValid);
        port.cmdReady.assign(cmd.ready);
        if (cmd.target != null) cmd.target.assign(port.cmdTarget);
        cmd.base.assign(port.cmdBase);
        cmd.bound.assign(port.cmdBound);
        cmd.offset.assign(port.cmdOffset);
        cmd.index.assign(port.cmdIndex);
        cmd.n0.assign(port.cmdN0);
        cmd.n1.assign(port.cmdN1);
        cmd.s0.assign(port.cmdS0);
        cmd.s1.assign(port.cmdS1);
        cmd.d0.assign(port.cmdD0);
        cmd.d1.assign(port.cmdD1);
        port.done.assign(done);
        port.fault.assign(fault);
        port.faultCode.assign(faultCode);
        port.busy.assign(busy);
        abort.assign(port.abort);
    }

    public DpuConfig config() {
        return config;
    }

    public AxiConfig axi() {
        return axi;
    }

    @Override
    protected String moduleName() {
        return MODULE;
    }
}
