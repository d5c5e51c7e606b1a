package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.IdWord;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.FeatureWord;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Switch;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.fill;
import static org.jdpu.hdl.Hdl.reg;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.switchOn;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;
import static org.jdpu.hdl.Hdl.wire;

/**
 * The AXI4-Lite slave and the control registers of {@link ControlRegister}: the read-write ones
 * as registers (byte strobes honoured), the read-only ones from the status the control block
 * hands in, CTRL as the start and interrupt-clear pulses. Unmapped addresses read 0 and ignore
 * writes; every response is OKAY. A write completes when both its address and its data have
 * arrived (in either order), a read answers one cycle after its address; one of each at a time.
 * The high halves of the 64-bit address registers keep the bits an {@value AxiConfig#ADDRESS_BITS}-bit
 * address has and read the others as 0.
 */
final class ControlRegisterFile {
    /** Status the read-only registers show. */
    record Status(Bool busy, Bool done, Bool fault, UInt faultCode, UInt faultQueues, UInt faultInstr,
                  UInt[] doneCount, UInt[] busyCycles, UInt cycles) {}

    /** A write of CTRL with bit 0 set (the caller ignores it while busy). */
    final Bool startRequest;
    /** A write of CTRL with bit 1 set. */
    final Bool clearInterrupt;
    final UInt instrAddr, instrCount;
    final List<UInt> base = new ArrayList<>(), bound = new ArrayList<>();

    private record Entry(ControlRegister register, int index) {
        int word() {
            return register.offset(index) >> 2;
        }
    }

    ControlRegisterFile(AxiLite s, DpuConfig c, AxiConfig a, Status st) {
        // Write channel: address and data are held until both are there, then written and answered.
        Bool awHeld = regInit("axil_aw_held", bool(), 0), wHeld = regInit("axil_w_held", bool(), 0);
        Bool bValid = regInit("axil_b_valid", bool(), 0);
        UInt awAddr = reg("axil_aw_addr", uint(ControlRegister.ADDRESS_BITS));
        UInt wData = reg("axil_w_data", uint(32)), wStrb = reg("axil_w_strb", uint(4));
        s.aw.ready.assign(awHeld.not().and(bValid.not()));
        s.w.ready.assign(wHeld.not().and(bValid.not()));
        when(s.aw.fire(), () -> {
            awHeld.assign(B(true));
            awAddr.assign(s.aw.addr);
        });
        when(s.w.fire(), () -> {
            wHeld.assign(B(true));
            wData.assign(s.w.data);
            wStrb.assign(s.w.strb);
        });
        Bool write = awHeld.and(wHeld).named("axil_write");
        when(write, () -> {
            awHeld.assign(B(false));
            wHeld.assign(B(false));
            bValid.assign(B(true));
        });
        when(s.b.fire(), () -> bValid.assign(B(false)));
        s.b.valid.assign(bValid);
        s.b.resp.assign(U(Axi4.RESP_OKAY, 2));

        UInt writeWord = awAddr.bits(ControlRegister.ADDRESS_BITS - 1, 2);
        UInt byteMask = cat(fill(8, wStrb.bit(3)), fill(8, wStrb.bit(2)), fill(8, wStrb.bit(1)), fill(8, wStrb.bit(0)));
        Bool ctrlWrite = write.and(writeWord.eq(ControlRegister.CTRL.offset() >> 2)).and(wStrb.bit(0));
        startRequest = ctrlWrite.and(wData.bit(0)).named("ctrl_start");
        clearInterrupt = ctrlWrite.and(wData.bit(1)).named("ctrl_clear_irq");

        // The read-write registers, in address order.
        Map<Entry, UInt> stored = new LinkedHashMap<>();
        for (ControlRegister r : ControlRegister.values()) {
            if (r.access() != ControlRegister.Access.READ_WRITE) continue;
            for (int i = 0; i < r.entries(); i++) {
                Entry e = new Entry(r, i);
                UInt q = regInit(r.label() + (r.entries() > 1 ? "_" + i : ""), uint(storedBits(r)), 0);
                UInt merged = q.and(byteMask.not().bits(q.width() - 1, 0)).or(wData.and(byteMask).bits(q.width() - 1, 0));
                when(write.and(writeWord.eq(e.word())), () -> q.assign(merged));
                stored.put(e, q);
            }
        }
        instrAddr = cat(stored.get(new Entry(ControlRegister.INSTR_ADDR_HI, 0)), stored.get(new Entry(ControlRegister.INSTR_ADDR_LO, 0)));
        instrCount = stored.get(new Entry(ControlRegister.INSTR_COUNT, 0));
        for (int i = 0; i < ControlRegister.REGIONS; i++) {
            base.add(cat(stored.get(new Entry(ControlRegister.BASE_HI, i)), stored.get(new Entry(ControlRegister.BASE_LO, i))));
            bound.add(stored.get(new Entry(ControlRegister.BOUND, i)));
        }

        // Read channel: the addressed register is captured when the address arrives.
        Bool rValid = regInit("axil_r_valid", bool(), 0);
        UInt rData = reg("axil_r_data", uint(32));
        s.ar.ready.assign(rValid.not());
        UInt readWord = s.ar.addr.bits(ControlRegister.ADDRESS_BITS - 1, 2);
        UInt value = wire("axil_read_value", uint(32));
        value.assign(0);
        Map<Integer, UInt> readable = new LinkedHashMap<>();
        for (ControlRegister r : ControlRegister.values()) {
            for (int i = 0; i < r.entries(); i++) {
                Entry e = new Entry(r, i);
                readable.put(e.word(), (stored.containsKey(e) ? stored.get(e) : readOnly(r, i, c, a, st)).zext(32));
            }
        }
        Switch sw = switchOn(readWord);
        for (Map.Entry<Integer, UInt> e : readable.entrySet()) sw.is(e.getKey(), () -> value.assign(e.getValue()));
        when(s.ar.fire(), () -> {
            rValid.assign(B(true));
            rData.assign(value);
        });
        when(s.r.fire(), () -> rValid.assign(B(false)));
        s.r.valid.assign(rValid);
        s.r.data.assign(rData);
        s.r.resp.assign(U(Axi4.RESP_OKAY, 2));
    }

    private static int storedBits(ControlRegister r) {
        return switch (r) {
            case INSTR_ADDR_HI, BASE_HI -> AxiConfig.ADDRESS_BITS - 32;
            default -> 32;
        };
    }

    private static UInt readOnly(ControlRegister r, int i, DpuConfig c, AxiConfig a, Status st) {
        return switch (r) {
            case ID -> U(IdWord.of(c), 32);
            case FEATURES -> U(FeatureWord.of(c, a), 32);
            case CTRL -> U(0, 32);
            case STATUS -> cat(st.fault(), st.done(), st.busy());
            case FAULT -> cat(st.faultQueues(), st.faultCode());
            case FAULT_INSTR -> st.faultInstr();
            case DONE_COUNT -> st.doneCount()[i];
            case BUSY_CYCLES -> st.busyCycles()[i];
            case CYCLES_LO -> st.cycles().bits(31, 0);
            case CYCLES_HI -> st.cycles().bits(63, 32);
            case INSTR_ADDR_LO, INSTR_ADDR_HI, INSTR_COUNT, BASE_LO, BASE_HI, BOUND ->
                    throw new IllegalStateException(r + " is a stored register");
        };
    }
}
