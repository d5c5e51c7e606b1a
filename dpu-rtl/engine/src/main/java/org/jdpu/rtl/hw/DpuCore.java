package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Register;

import static org.jdpu.hdl.Hdl.*;

/**
 * The convolution core, {@code dpu_core}: register interface, load port, output read port, and
 * the run control (busy, done, the compute-cycle counter). The network engine
 * ({@link org.jdpu.rtl.net.NetTop}, {@code dpu_top}) drives these ports from its control block and
 * DMA engines; on its own the core is the debug interface the single-layer cosimulation drives
 * (its ports are {@link HostPort}). See dpu-rtl/README.md for the ports, the register map and a
 * timing diagram.
 */
public final class DpuCore extends HwModule {
    /** Verilog module name of the core. */
    public static final String MODULE = "dpu_core";

    /** The host ports, for a parent that wires the core (the network engine). */
    public final Bool regWe, ldWe, busyOut, doneOut;
    public final UInt regAddr, regWdata, regRdata, ldSel, ldBank, ldAddr, ldData, rdAddr, rdData;
    private final DpuConfig config;

    public DpuCore(DpuConfig c) {
        this.config = c;
        EngineWidths wd = EngineWidths.of(c);
        regWe = input(HostPort.REG_WE.portName(), bool());
        regAddr = hostIn(HostPort.REG_ADDR);
        regWdata = hostIn(HostPort.REG_WDATA);
        regRdata = hostOut(HostPort.REG_RDATA);
        ldWe = input(HostPort.LD_WE.portName(), bool());
        ldSel = hostIn(HostPort.LD_SEL);
        ldBank = hostIn(HostPort.LD_BANK);
        ldAddr = hostIn(HostPort.LD_ADDR);
        ldData = hostIn(HostPort.LD_DATA);
        rdAddr = hostIn(HostPort.RD_ADDR);
        rdData = hostOut(HostPort.RD_DATA);
        busyOut = output(HostPort.BUSY.portName(), bool());
        doneOut = output(HostPort.DONE.portName(), bool());

        Bool busy = regInit("busy_q", bool(), 0);
        Bool done = regInit("done_q", bool(), 0);
        UInt cycles = regInit("cycles_q", uint(32), 0);

        RegisterFile regs = instance("regs", new RegisterFile(c));
        regs.we.assign(regWe);
        regs.addr.assign(regAddr);
        regs.wdata.assign(regWdata);
        regs.busy.assign(busy);
        regs.done.assign(done);
        regs.cycles.assign(cycles);
        regRdata.assign(regs.rdata);
        Bool start = regs.start.and(busy.not());

        StepSequencer seq = instance("sequencer", new StepSequencer(c));
        seq.start.assign(start);
        seq.outRows.assign(regs.u(Register.OUT_ROWS));
        seq.pixGroups.assign(regs.u(Register.PIX_GROUPS));
        seq.ocGroups.assign(regs.u(Register.OC_GROUPS));
        seq.kernelH.assign(regs.u(Register.KERNEL_H));
        seq.kernelW.assign(regs.u(Register.KERNEL_W));
        seq.icGroups.assign(regs.u(Register.IC_GROUPS));
        seq.inRows.assign(regs.s(Register.IN_ROWS));
        seq.rowOrigin.assign(regs.s(Register.ROW_ORIGIN));
        seq.rowStep.assign(regs.s(Register.ROW_STEP));
        seq.rowDilation.assign(regs.s(Register.ROW_DILATION));
        seq.addrRowOrigin.assign(regs.u(Register.ADDR_ROW_ORIGIN));
        seq.addrRowStep.assign(regs.u(Register.ADDR_ROW_STEP));
        seq.addrRowDilation.assign(regs.u(Register.ADDR_ROW_DILATION));
        seq.addrIcStep.assign(regs.u(Register.ADDR_IC_STEP));
        seq.weightBase.assign(regs.u(Register.WEIGHT_BASE));

        ActivationPath act = instance("act_path", new ActivationPath(c));
        act.rowValid.assign(seq.rowValid);
        act.rowAddr.assign(seq.rowAddr);
        act.kx.assign(seq.kx);
        act.x0.assign(seq.x0);
        act.colBase.assign(regs.table(Register.COL_BASE));
        act.colLo.assign(regs.table(Register.COL_LO));
        act.colHi.assign(regs.table(Register.COL_HI));
        act.padValue.assign(regs.s(Register.PAD_VALUE));
        connectLoad(act.ld, LoadTarget.ACTIVATIONS);

        WeightPath wgt = instance("weight_path", new WeightPath(c));
        wgt.weightAddr.assign(seq.weightAddr);
        wgt.valid.assign(seq.valid);
        wgt.first.assign(seq.first);
        wgt.last.assign(seq.last);
        connectLoad(wgt.ld, LoadTarget.WEIGHTS);

        PeArray grid = instance("grid", new PeArray(c));
        grid.act.assign(act.lanes);
        grid.weight.assign(wgt.weight);
        if (grid.weightEarly != null) grid.weightEarly.assign(wgt.weightEarly);
        grid.valid.assign(wgt.validOut);
        grid.first.assign(wgt.firstOut);
        grid.last.assign(wgt.lastOut);

        PoolUnit pool = instance("pool", new PoolUnit(c));
        int pooled = 8 * PoolUnit.channels(c);
        for (int j = 0; j < c.pp(); j++) pool.lanes.get(j).assign(act.lanes.get(j).bits(pooled - 1, 0));
        pool.valid.assign(seq.valid);
        pool.first.assign(seq.first);
        pool.last.assign(seq.last);
        UInt poolMode = regs.u(Register.POOL_MODE);
        pool.average.assign(poolMode.bit(1));
        pool.avgAdd.assign(regs.u(Register.AVG_ADD));
        pool.avgMul.assign(regs.u(Register.AVG_MUL));
        pool.outMin.assign(regs.s(Register.OUT_MIN));
        pool.outMax.assign(regs.s(Register.OUT_MAX));
        if (c.tflite()) pool.roundAway.assign(regs.u(Register.REQUANT_MODE).bit(0));

        OutputPath out = instance("out_path", new OutputPath(c));
        out.pooling.assign(poolMode.bit(0));
        out.poolWord.assign(pool.word);
        UInt psumMode = regs.u(Register.PSUM_MODE);
        out.addPsum.assign(psumMode.bit(0));
        out.keepPsum.assign(psumMode.bit(1));
        out.start.assign(start);
        out.outRows.assign(regs.u(Register.OUT_ROWS));
        out.outCols.assign(regs.u(Register.OUT_COLS));
        out.pixGroups.assign(regs.u(Register.PIX_GROUPS));
        out.ocGroups.assign(regs.u(Register.OC_GROUPS));
        out.outBase.assign(regs.u(Register.OUT_BASE));
        out.biasBase.assign(regs.u(Register.BIAS_BASE));
        out.sum.assign(grid.sum);
        out.sumValid.assign(grid.sumValid);
        out.quant.biasShift.assign(regs.s(Register.BIAS_SHIFT));
        out.quant.cutShift.assign(regs.s(Register.CUT_SHIFT));
        out.quant.activation.assign(regs.u(Register.ACTIVATION));
        out.quant.relu6Shift.assign(regs.s(Register.RELU6_SHIFT));
        out.quant.relu6Out.assign(regs.s(Register.RELU6_OUT));
        out.quant.outMin.assign(regs.s(Register.OUT_MIN));
        out.quant.outMax.assign(regs.s(Register.OUT_MAX));
        if (c.tflite()) {
            out.multiplierMode.assign(regs.u(Register.REQUANT_MODE).bit(0));
            out.operandMode.assign(regs.u(Register.REQUANT_MODE).bit(1));
            out.outZeroPoint.assign(regs.s(Register.OUT_ZERO_POINT));
        }
        connectLoad(out.ld, LoadTarget.BIAS);
        out.rdAddr.assign(rdAddr);
        rdData.assign(out.rdData);

        when(start, () -> {
            busy.assign(B(true));
            done.assign(B(false));
            cycles.assign(0);
        }).otherwise(() -> {
            when(busy, () -> cycles.assign(cycles.addWrap(1)));
            when(out.finished, () -> {
                busy.assign(B(false));
                done.assign(B(true));
            });
        });
        busyOut.assign(busy);
        doneOut.assign(done);
    }

    /** Drives one buffer's load port from the top-level one, enabled when {@code ld_sel} names it. */
    private void connectLoad(LoadPort port, LoadTarget target) {
        port.we.assign(ldWe.and(ldSel.eq(target.code())));
        port.bank.assign(ldBank);
        port.addr.assign(ldAddr);
        port.data.assign(ldData);
    }

    private UInt hostIn(HostPort p) {
        return input(p.portName(), uint(p.width(config)));
    }

    private UInt hostOut(HostPort p) {
        return output(p.portName(), uint(p.width(config)));
    }

    public DpuConfig config() {
        return config;
    }

    @Override
    protected String moduleName() {
        return MODULE;
    }
}
