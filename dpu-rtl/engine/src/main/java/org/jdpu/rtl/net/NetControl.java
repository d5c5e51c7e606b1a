package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;
import org.jdpu.hdl.lib.Fifo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.jdpu.hdl.Hdl.*;

/**
 * The network engine's control block, {@code dpu_net_control}. It holds the AXI4-Lite control
 * registers ({@link ControlRegister}); on START it fetches the program over its AXI4 read master
 * ({@link InstructionFetch}), decodes each instruction and dispatches it in program order to one
 * of four in-order queues (LOAD, SAVE, CONV, MISC), kept with its instruction index. The queues
 * meet only through the dependency tokens ({@link TokenCounters}). LOAD and SAVE heads become
 * commands to the DMA engines outside ({@link DmaPort}); the CONV queue writes the core's
 * registers through {@code reg_we/reg_addr/reg_wdata} (CONFIG, only while the core is idle) and
 * starts runs (CONV: CTRL = 1, finished when the core's {@code done} rises after its
 * {@code busy}); MISC executes NOP.
 *
 * <p>The program is done when END has been decoded and every queue, the fetch unit, the DMA
 * engines and the core are idle. The first fault (decode, fetch, token overflow, a DMA engine,
 * deadlock) records its code, the faulting instruction's index and unit, stops fetch and
 * dispatch, raises the DMA engines' abort and drops every queued instruction; once the fetch
 * bus, the engines and the core are quiet (a run in progress finishes) the program is done with
 * the fault bit set. Either way {@code irq} rises and stays until CTRL bit 1 or the next START.
 * A deadlock (every queue empty or waiting for a token that is zero, nothing executing, the
 * fetch unit past END or stalled on a full queue) is a fault, so the block never hangs.
 *
 * <p>CONV and MISC execute one instruction at a time. LOAD and SAVE are pipelined: a command is
 * issued as soon as the engine takes it, while earlier ones of its queue are still in flight (at
 * most {@link #DMA_IN_FLIGHT}); the engine finishes them in order, one done pulse each, and each
 * gives its SIGNAL tokens then. A DMA fault is charged to the oldest command in flight (the engine
 * reports it after the earlier commands' done pulses, so that is the faulting one; when the last of
 * those coincides with the fault, to the newest command taken). An AXI error response is charged
 * the same way, which may name a later command than the one whose burst failed. Deadlock detection and the program's end wait for every command in flight.
 *
 * <p>The core cannot finish a run whose kernel size is outside 1..16 and runs 2^width iterations
 * of a loop whose count is 0, so the decoder refuses a CONFIG writing such a value
 * ({@link Register#allowed}) and the CONV unit a CONV before those registers have been written
 * since reset (BAD_REGISTER both): the engine never starts a run that could not end in time.
 */
public final class NetControl extends HwModule {
    /** Instructions each queue holds by default: a block RAM's worth at 256 bits + index. */
    public static final int DEFAULT_QUEUE_DEPTH = 32;
    /** Instructions the fetch unit prefetches by default (two default bursts), or one longest burst if more. */
    public static final int DEFAULT_PREFETCH_DEPTH = 16;
    /** LOAD or SAVE commands issued to an engine and not yet finished, at most. */
    public static final int DMA_IN_FLIGHT = 8;

    public final AxiLite sAxi;
    public final Axi4 mAxi;
    public final Bool irq;
    public final Bool regWe, coreBusy, coreDone;
    public final UInt regAddr, regWdata;
    public final DmaPort load, save;
    private final int queueDepth, prefetchDepth;
    private final EngineWidths widths;

    public NetControl(DpuConfig c, AxiConfig a) {
        this(c, a, DEFAULT_QUEUE_DEPTH, defaultPrefetchDepth(a));
    }

    /** {@link #DEFAULT_PREFETCH_DEPTH}, or the instructions of one longest burst when that is more. */
    public static int defaultPrefetchDepth(AxiConfig a) {
        int beatBytes = Math.min(a.dataBytes(), Instruction.BYTES);
        return Math.max(DEFAULT_PREFETCH_DEPTH, (a.burstBeats() * beatBytes + Instruction.BYTES - 1) / Instruction.BYTES);
    }

    /**
     * @param queueDepth    instructions each of the four queues holds (at least 2)
     * @param prefetchDepth instructions the fetch unit buffers ahead of the decoder (at least 4, and a whole burst)
     */
    public NetControl(DpuConfig c, AxiConfig a, int queueDepth, int prefetchDepth) {
        if (queueDepth < 2 || prefetchDepth < 4) {
            throw new IllegalArgumentException("queue depth must be at least 2 and prefetch depth at least 4; got "
                    + queueDepth + " and " + prefetchDepth);
        }
        this.queueDepth = queueDepth;
        this.prefetchDepth = prefetchDepth;
        EngineWidths wd = EngineWidths.of(c);
        widths = wd;
        sAxi = input("s_axi", new AxiLite(ControlRegister.ADDRESS_BITS, 32));
        mAxi = output("m_axi", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));
        irq = output("irq", bool());
        regWe = output("reg_we", bool());
        regAddr = output("reg_addr", uint(Register.ADDRESS_BITS));
        regWdata = output("reg_wdata", uint(Register.dataWidth(wd)));
        coreBusy = input("core_busy", bool());
        coreDone = input("core_done", bool());
        load = output("load", new DmaPort(true));
        save = output("save", new DmaPort(false));

        // ---- program state
        Bool start = wire("start", bool());
        Bool running = regInit("running", bool(), 0);
        Bool done = regInit("done", bool(), 0);
        Bool faulted = regInit("faulted", bool(), 0);
        UInt faultCode = regInit("fault_code", uint(FaultSource.CODE_BITS), 0);
        UInt faultQueues = regInit("fault_queues", uint(Queue.COUNT), 0);
        UInt faultInstr = regInit("fault_instr", uint(QueueSlot.INDEX_BITS), 0);
        UInt cycles = regInit("cycles", uint(64), 0);
        Bool irqPending = regInit("irq_pending", bool(), 0);
        Bool run = running.and(faulted.not()).named("run");

        // ---- queues
        Map<Queue, QueueSlot> slots = new EnumMap<>(Queue.class);
        for (Queue q : Queue.values()) {
            Fifo<UInt> f = instance(q.label() + "_queue",
                    Fifo.ofWidth(WordLayout.of(q).bits() + QueueSlot.INDEX_BITS, queueDepth));
            Fifo<UInt> issued = q == Queue.LOAD || q == Queue.SAVE
                    ? instance(q.label() + "_issued", Fifo.ofWidth(QueueSlot.INDEX_BITS + Queue.COUNT, DMA_IN_FLIGHT))
                    : null;
            slots.put(q, new QueueSlot(q, f, queueDepth, start, run, faulted, issued));
        }

        // ---- control registers
        UInt[] doneCounts = new UInt[Queue.COUNT], busyCycles = new UInt[Queue.COUNT];
        for (QueueSlot s : slots.values()) {
            doneCounts[s.queue.index()] = s.doneCount;
            busyCycles[s.queue.index()] = s.busyCycles;
        }
        ControlRegisterFile regs = new ControlRegisterFile(sAxi, c, a, new ControlRegisterFile.Status(
                running, done, faulted, faultCode, faultQueues, faultInstr, doneCounts, busyCycles, cycles));
        start.assign(regs.startRequest.and(running.not()));
        regsBase = regs.base;
        regsBound = regs.bound;
        UInt progAddr = regInit("program_addr", uint(AxiConfig.ADDRESS_BITS), 0);
        UInt progCount = regInit("program_count", uint(32), 0);
        when(start, () -> {
            progAddr.assign(regs.instrAddr);
            progCount.assign(regs.instrCount);
        });

        // ---- fetch and decode
        Bool ended = regInit("ended", bool(), 0);
        Bool aligned = progAddr.bits(4, 0).eq(0);
        Fifo<UInt> prefetch = instance("prefetch",
                new Fifo<>(() -> uint(1 + 8 * Instruction.BYTES), prefetchDepth, Fifo.Storage.MEMORY));
        InstructionFetch fetch = new InstructionFetch(mAxi, prefetch, prefetchDepth, a, start,
                run.and(ended.not()).and(aligned), regs.instrAddr, progCount);
        Decoded dec = decode(c, prefetch, slots, run.and(ended.not()), aligned, progCount, start, ended);

        // ---- executors
        List<FaultSource> faults = new ArrayList<>();
        faults.add(dmaUnit(slots.get(Queue.LOAD), load, run, faulted, running, start));
        faults.add(dmaUnit(slots.get(Queue.SAVE), save, run, faulted, running, start));
        faults.add(convUnit(slots.get(Queue.CONV), run, start, faulted));
        QueueSlot misc = slots.get(Queue.MISC);
        misc.finish.assign(misc.active.and(run));

        // ---- tokens
        Bool[] starts = new Bool[Queue.COUNT], finishes = new Bool[Queue.COUNT];
        UInt[] waits = new UInt[Queue.COUNT], signals = new UInt[Queue.COUNT];
        for (QueueSlot s : slots.values()) {
            starts[s.queue.index()] = s.start;
            finishes[s.queue.index()] = s.finish;
            waits[s.queue.index()] = s.waitOn;
            signals[s.queue.index()] = s.doneSignal;
        }
        TokenCounters tokens = new TokenCounters(start, starts, waits, finishes, signals);
        for (QueueSlot s : slots.values()) {
            Bool ready = B(true);
            for (Queue src : Queue.values()) {
                if (src != s.queue) ready = ready.and(s.waitOn.bit(src.bit()).not().or(tokens.available(src, s.queue)));
            }
            s.tokensReady.assign(ready);
            faults.add(FaultSource.of(s.finish.and(tokens.overflow(s.queue)), Fault.TOKEN_OVERFLOW, s.doneIndex,
                    FaultSource.bitOf(s.queue)));
        }
        faults.add(dec.fault);

        // ---- deadlock: nothing can move any more
        Bool enginesIdle = load.busy.not().and(save.busy.not()).and(coreBusy.not()).named("engines_idle");
        Bool still = B(true), anyBlocked = B(false), unitsIdle = B(true), queuesEmpty = B(true);
        UInt oldest = U(0, QueueSlot.INDEX_BITS), blockedQueues = U(0, Queue.COUNT);
        for (QueueSlot s : slots.values()) {
            // A queue with a command in flight is not still: its done (and tokens) may come yet.
            still = still.and(s.empty.and(s.executing.not()).or(s.blocked.and(s.issuedPending.not())));
            Bool older = s.blocked.and(anyBlocked.not().or(s.index.lt(oldest)));
            oldest = mux(older, s.index, oldest);
            anyBlocked = anyBlocked.or(s.blocked);
            blockedQueues = blockedQueues.or(mux(s.blocked, FaultSource.bitOf(s.queue), U(0, Queue.COUNT)));
            unitsIdle = unitsIdle.and(s.executing.not());
            queuesEmpty = queuesEmpty.and(s.empty);
        }
        Bool deadlock = run.and(still).and(anyBlocked).and(enginesIdle).and(ended.or(dec.stalled)).named("deadlock");
        faults.add(FaultSource.of(deadlock, Fault.DEADLOCK, oldest, blockedQueues));

        FaultSource first = FaultSource.first(faults);
        when(start, () -> {
            faulted.assign(B(false));
            faultCode.assign(0);
            faultQueues.assign(0);
            faultInstr.assign(0);
        }).elseWhen(run.and(first.valid()), () -> {
            faulted.assign(B(true));
            faultCode.assign(first.code());
            faultQueues.assign(first.queues());
            faultInstr.assign(first.index());
        });

        // ---- done
        Bool quiet = fetch.idle.and(queuesEmpty).and(enginesIdle);
        Bool finished = running.and(quiet).and(faulted.or(ended.and(unitsIdle))).named("program_finished");
        when(start, () -> {
            running.assign(B(true));
            done.assign(B(false));
            irqPending.assign(B(false));
            cycles.assign(0);
        }).otherwise(() -> {
            when(running, () -> cycles.assign(cycles.addWrap(1)));
            when(regs.clearInterrupt, () -> irqPending.assign(B(false)));
            when(finished, () -> {
                running.assign(B(false));
                done.assign(B(true));
                irqPending.assign(B(true));
            });
        });
        irq.assign(irqPending);
    }

    /** What the decoder tells the rest: its fault, and whether it is stuck on a full queue. */
    private record Decoded(FaultSource fault, Bool stalled) {}

    /**
     * The decoder at the prefetch FIFO's head: checks the instruction, dispatches it to its queue
     * (with its program-order index) or consumes END. A fault leaves the instruction where it is;
     * when not decoding (END seen, a fault, idle) whatever arrives is dropped.
     */
    private Decoded decode(DpuConfig c, Fifo<UInt> prefetch, Map<Queue, QueueSlot> slots, Bool decoding, Bool aligned,
                           UInt progCount, Bool start, Bool ended) {
        WordLayout whole = WordLayout.whole();
        int instrBits = whole.bits();
        UInt instr = prefetch.out.data.bits(instrBits - 1, 0);
        Bool beatError = prefetch.out.data.bit(instrBits);
        Bool valid = prefetch.out.valid;
        UInt index = regInit("decode_index", uint(QueueSlot.INDEX_BITS), 0);

        UInt opcode = whole.field(instr, Field.OPCODE);
        Map<Opcode, Bool> is = new EnumMap<>(Opcode.class);
        Bool known = B(false);
        for (Opcode op : Opcode.values()) {
            Bool b = opcode.eq(op.code()).named("is_" + op.mnemonic());
            is.put(op, b);
            known = known.or(b);
        }
        UInt count = whole.field(instr, Field.COUNT), reg = whole.field(instr, Field.REG);
        Bool countOk = count.ge(1).and(count.le(Field.VALUES.length));
        Bool inWritable = B(false);
        for (int[] span : writableSpans(c)) {
            // REG .. REG + COUNT - 1 inside one run of consecutive writable addresses
            inWritable = inWritable.or(reg.ge(span[0]).and(reg.add(count).le(span[1] + 1)));
        }
        Bool configBad = is.get(Opcode.CONFIG).and(countOk.and(inWritable).not().or(valueOutOfRange(whole, instr, count, reg)));
        Bool targetBad = is.get(Opcode.LOAD).and(whole.field(instr, Field.TARGET).gt(LoadTarget.BIAS.code()));

        Bool pastEnd = decoding.and(aligned.not().or(index.eq(progCount)));
        Bool looked = decoding.and(pastEnd.not()).and(valid);
        Bool axiError = looked.and(beatError);
        Bool badOpcode = looked.and(beatError.not()).and(known.not());
        Bool badRegister = looked.and(beatError.not()).and(configBad);
        Bool badTarget = looked.and(beatError.not()).and(targetBad);
        Bool ok = looked.and(beatError.not()).and(known).and(configBad.not()).and(targetBad.not()).named("decode_ok");
        Bool isEnd = ok.and(is.get(Opcode.END)).named("decode_end");

        Bool dispatched = B(false);
        for (QueueSlot s : slots.values()) {
            Bool mine = B(false);
            for (Opcode op : Opcode.values()) {
                if (op.queue() == s.queue) mine = mine.or(is.get(op));
            }
            s.fifo.in.valid.assign(ok.and(mine));
            s.fifo.in.data.assign(cat(index, s.layout.pack(instr)));
            dispatched = dispatched.or(s.fifo.in.fire());
        }
        Bool advance = dispatched.or(isEnd).named("decode_advance");
        prefetch.out.ready.assign(advance.or(decoding.not()));
        Bool stalled = ok.and(advance.not()).named("decode_stalled");
        when(start, () -> {
            index.assign(0);
            ended.assign(B(false));
        }).otherwise(() -> {
            when(advance, () -> index.assign(index.addWrap(1)));
            when(isEnd, () -> ended.assign(B(true)));
        });

        UInt none = U(0, Queue.COUNT);
        FaultSource f = FaultSource.first(List.of(
                FaultSource.of(pastEnd, Fault.FETCH_BOUNDS, index, none),
                FaultSource.of(axiError, Fault.AXI_RESPONSE, index, none),
                FaultSource.of(badOpcode, Fault.BAD_OPCODE, index, none),
                FaultSource.of(badRegister, Fault.BAD_REGISTER, index, none),
                FaultSource.of(badTarget, Fault.BANK_RANGE, index, none)));
        return new Decoded(f, stalled);
    }

    /**
     * A CONFIG writes a value outside {@link Register#allowed} to one of the kernel-size or
     * loop-count registers (VALUEk, all 32 bits, to REG + k for k < COUNT): a run on it would
     * never end or would run 2^width iterations.
     */
    private Bool valueOutOfRange(WordLayout whole, UInt instr, UInt count, UInt reg) {
        Bool bad = B(false);
        for (Register r : Register.rangeCheckedRegisters()) {
            Register.ValueRange range = r.allowed(widths);
            for (int k = 0; k < Field.VALUES.length && k <= r.address(); k++) {
                UInt v = whole.field(instr, Field.VALUES[k]);
                Bool outside = v.lt(range.min()).or(v.gt(range.max()));
                bad = bad.or(count.gt(k).and(reg.eq(r.address() - k)).and(outside));
            }
        }
        return bad.named("config_value_out_of_range");
    }

    /**
     * Runs of consecutive register addresses a CONFIG may write: the writable descriptor
     * registers of {@link Register} that {@code c} has (table entries included, CTRL excluded), as [first, last].
     */
    static List<int[]> writableSpans(DpuConfig c) {
        boolean[] writable = new boolean[1 << Register.ADDRESS_BITS];
        for (Register r : Register.values()) {
            if (r.access() != Register.Access.WRITE || r == Register.CTRL || !r.presentIn(c)) continue;
            for (int i = 0; i < r.tableSize(); i++) writable[r.address(i)] = true;
        }
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < writable.length; i++) {
            if (!writable[i]) continue;
            int j = i;
            while (j + 1 < writable.length && writable[j + 1]) j++;
            spans.add(new int[] {i, j});
            i = j;
        }
        return spans;
    }

    /**
     * A LOAD or SAVE queue's executor: presents its head as a command until the engine takes it
     * (while fewer than {@link #DMA_IN_FLIGHT} are in flight); the head then leaves the queue.
     * Each done pulse finishes the oldest command in flight, a fault pulse is charged to it.
     * After a fault the command is withdrawn and abort is raised until the program is done.
     */
    private FaultSource dmaUnit(QueueSlot s, DmaPort port, Bool run, Bool faulted, Bool running, Bool start) {
        // Not in the cycle the engine reports a fault: nothing is issued after it.
        Bool valid = s.active.and(run).and(s.canIssue).and(port.fault.not());
        port.cmdValid.assign(valid);
        Bool fire = valid.and(port.cmdReady);
        s.leave.assign(fire);
        UInt region = s.field(Field.REGION);
        if (port.cmdTarget != null) port.cmdTarget.assign(s.field(Field.TARGET));
        port.cmdBase.assign(select(region, regsBase));
        port.cmdBound.assign(select(region, regsBound));
        port.cmdOffset.assign(s.field(Field.OFFSET));
        port.cmdIndex.assign(s.field(Field.INDEX));
        port.cmdN0.assign(s.field(Field.N0));
        port.cmdN1.assign(s.field(Field.N1));
        port.cmdS0.assign(s.field(Field.S0));
        port.cmdS1.assign(s.field(Field.S1));
        port.cmdD0.assign(s.field(Field.D0));
        port.cmdD1.assign(s.field(Field.D1));
        port.abort.assign(faulted.and(running));
        Bool waiting = s.issuedPending.and(run);
        s.finish.assign(waiting.and(port.done).and(port.fault.not()));
        // The engine reports a fault after the done pulses of the commands before the faulting one, so the
        // oldest command in flight is the faulting one, except in the cycle the last of those done pulses
        // and the fault pulse coincide: then the fault belongs to the newest command it took.
        UInt lastIssued = reg(s.queue.label() + "_last_issued", uint(QueueSlot.INDEX_BITS));
        when(fire, () -> lastIssued.assign(s.index));
        return new FaultSource(waiting.and(port.fault), port.faultCode, mux(port.done, lastIssued, s.doneIndex),
                FaultSource.bitOf(s.queue));
    }

    private List<UInt> regsBase, regsBound;

    /**
     * The CONV queue's executor. CONFIG: one register per cycle while the core is not busy,
     * REG + k <- VALUEk. CONV: once the core is not busy, CTRL <- 1; then wait until the core is
     * busy (the run started) and then done and no longer busy.
     *
     * <p>The core does not reset its descriptor registers, so one bit per range-checked register
     * ({@link Register#rangeChecked}) records that a CONFIG has written it since reset (kept across
     * programs, as the core's registers are); a CONV before all of them are written is
     * BAD_REGISTER and never starts the core, which could otherwise run on whatever the registers
     * power up with. The values themselves were range-checked by the decoder.
     */
    private FaultSource convUnit(QueueSlot s, Bool run, Bool start, Bool faulted) {
        UInt opcode = s.field(Field.OPCODE);
        Bool isConfig = opcode.eq(Opcode.CONFIG.code()), isConv = opcode.eq(Opcode.CONV.code());
        UInt step = regInit("config_step", uint(3), 0);
        UInt phase = regInit("conv_phase", uint(2), 0);
        final int write = 0, waitBusy = 1, waitDone = 2;
        Bool may = s.active.and(run).and(coreBusy.not());
        Bool configWrite = may.and(isConfig).named("config_write");
        Bool lastValue = step.eq(s.field(Field.COUNT).subWrap(1));
        UInt regAddress = s.field(Field.REG).addWrap(step.zext(8)).trunc(Register.ADDRESS_BITS);
        Bool described = B(true);
        for (Register r : Register.rangeCheckedRegisters()) {
            Bool written = regInit("written_" + r.name().toLowerCase(java.util.Locale.ROOT), bool(), 0);
            when(configWrite.and(regAddress.eq(r.address())), () -> written.assign(B(true)));
            described = described.and(written);
        }
        Bool undescribed = s.active.and(run).and(isConv).and(phase.eq(write)).and(described.not())
                .named("conv_undescribed");
        Bool runWrite = may.and(isConv).and(phase.eq(write)).and(described).named("conv_start_write");
        Bool runDone = s.active.and(run).and(isConv).and(phase.eq(waitDone)).and(coreDone).and(coreBusy.not());
        s.finish.assign(configWrite.and(lastValue).or(runDone));
        List<UInt> values = new ArrayList<>();
        for (Field f : Field.VALUES) values.add(s.field(f));
        UInt value = select(step, values);

        when(configWrite, () -> step.assign(mux(lastValue, U(0, 3), step.addWrap(1))));
        when(runWrite, () -> phase.assign(waitBusy));
        when(phase.eq(waitBusy).and(coreBusy), () -> phase.assign(waitDone));
        when(runDone, () -> phase.assign(write));
        when(faulted.or(start), () -> {
            step.assign(0);
            phase.assign(write);
        });
        regWe.assign(configWrite.or(runWrite));
        regAddr.assign(mux(runWrite, U(Register.CTRL.address(), Register.ADDRESS_BITS), regAddress));
        regWdata.assign(mux(runWrite, U(1, regWdata.width()), value.resize(regWdata.width())));
        return FaultSource.of(undescribed, Fault.BAD_REGISTER, s.index, FaultSource.bitOf(s.queue));
    }

    public int queueDepth() {
        return queueDepth;
    }

    public int prefetchDepth() {
        return prefetchDepth;
    }

    @Override
    protected String moduleName() {
        return "dpu_net_control";
    }
}
