package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.arch.plan.ActivationLayout;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.compiler.RunLoads;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a compiled network without an engine model, by executing its data movement in program
 * order:
 * <ul>
 *   <li>tokens: every WAIT finds a token (sequential validity); tokens of a queue pair are matched
 *       in order, which gives each instruction a vector clock of what has finished before it starts;
 *       every two accesses of the same bank word, output word or DDR byte, one of them a write,
 *       must be ordered by those clocks (so any parallel schedule the tokens allow is race-free);</li>
 *   <li>LOAD / SAVE bounds and bank ranges as the hardware checks them;</li>
 *   <li>at every CONV: the engine registers hold the run's descriptor, and the activation, weight
 *       and bias buffers at the run's bases hold exactly the words the single-layer loader
 *       ({@link RunLoads}, cosimulated against the RTL) makes for that run from the reference
 *       input; the CONV then puts the reference output of the run in the output buffer (pad lanes
 *       get junk, which the next layer must ignore);</li>
 *   <li>every byte of every layer's output (channels below C) is saved exactly once, and equals
 *       the reference once the layer's last SAVE is done.</li>
 * </ul>
 * The core's arithmetic on a correct descriptor and correct buffers is what the cosimulation
 * tests of the single-layer path establish; this checks everything the network compiler adds.
 */
final class NetProgramChecker {
    private static final byte JUNK = 0x5B;

    private final NetworkCompiler.Compilation comp;
    private final NetProgram p;
    private final DpuConfig c;
    /** Reference output of every layer as written. */
    private final List<Int8Tensor> reference;

    private final byte[][] ddr = new byte[Region.values().length][];
    private final Tracker[] ddrTrack = new Tracker[Region.values().length];
    private final byte[] act;
    private final Tracker actTrack;
    private final byte[] wgt;
    private final Tracker wgtTrack;
    private final int[] bias;
    private final Tracker biasTrack;
    private final byte[] out;
    private final Tracker outTrack;
    private final long[] registers = new long[1 << Register.ADDRESS_BITS];
    private final Map<Integer, NetworkCompiler.PlacedRun> runAtConv = new HashMap<>();
    private final int[][] saveCount;

    private int[][] clocks;
    private int maxCounter;

    NetProgramChecker(NetworkCompiler.Compilation comp, List<Int8Tensor> reference) {
        this.comp = comp;
        this.p = comp.program();
        this.c = p.config();
        this.reference = reference;
        for (NetProgram.RegionImage r : p.regions()) {
            int i = r.region().ordinal();
            ddr[i] = r.contents() != null ? r.contents().clone() : new byte[Math.toIntExact(r.size())];
            ddrTrack[i] = new Tracker(ddr[i].length);
        }
        int cap = Math.toIntExact(c.actCapacityWords());
        act = new byte[cap * c.icp()];
        actTrack = new Tracker(cap);
        wgt = new byte[c.ocp() * c.weightBankDepth() * c.icp()];
        wgtTrack = new Tracker(c.ocp() * c.weightBankDepth());
        bias = new int[c.ocp() * c.biasDepth()];
        biasTrack = new Tracker(c.ocp() * c.biasDepth());
        out = new byte[c.outputDepth() * c.ocp()];
        outTrack = new Tracker(c.outputDepth());
        for (NetworkCompiler.PlacedRun r : comp.runs()) runAtConv.put(r.convIndex(), r);
        saveCount = new int[p.layers().size()][];
        for (int l = 0; l < p.layers().size(); l++) {
            saveCount[l] = new int[Math.toIntExact(p.layers().get(l).output().bytes())];
        }
    }

    /** Runs every check; throws AssertionError naming the first problem. Returns the largest token count. */
    int check() {
        List<Instruction> ins = p.instructions();
        if (ins.isEmpty() || ins.getLast().opcode() != Opcode.END) fail(ins.size() - 1, "the program does not end with END");
        clocks = new int[ins.size()][];
        int[] lastOfQueue = new int[Queue.COUNT];
        Arrays.fill(lastOfQueue, -1);
        @SuppressWarnings("unchecked")
        ArrayDeque<Integer>[][] tokens = new ArrayDeque[Queue.COUNT][Queue.COUNT];
        for (ArrayDeque<Integer>[] row : tokens) {
            for (int k = 0; k < row.length; k++) row[k] = new ArrayDeque<>();
        }
        int[] lastSaveOfLayer = new int[p.layers().size()];
        Arrays.fill(lastSaveOfLayer, -1);
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i).opcode() == Opcode.SAVE) lastSaveOfLayer[p.layerOf()[i]] = i;
        }
        // A layer is complete after the last SAVE of every layer writing into it (a concat's sources).
        int[] complete = new int[p.layers().size()];
        for (int l = 0; l < complete.length; l++) {
            complete[l] = -1;
            for (int w : comp.graph().producers(l)) complete[l] = Math.max(complete[l], lastSaveOfLayer[w]);
        }
        for (int i = 0; i < ins.size(); i++) {
            Instruction x = ins.get(i);
            Queue q = x.opcode().queue();
            if (q == null) {
                if (i != ins.size() - 1) fail(i, "END before the last instruction");
                continue;
            }
            int[] clock = new int[Queue.COUNT];
            Arrays.fill(clock, -1);
            int prev = lastOfQueue[q.index()];
            if (prev >= 0) {
                merge(clock, clocks[prev]);
                clock[q.index()] = prev;
            }
            for (Queue from : x.waitOn()) {
                if (from == q) continue;
                Integer s = tokens[from.index()][q.index()].poll();
                if (s == null) fail(i, "waits on " + from.label() + " with no token available (not sequentially valid)");
                merge(clock, clocks[s]);
                clock[from.index()] = Math.max(clock[from.index()], s);
            }
            clocks[i] = clock;
            lastOfQueue[q.index()] = i;
            switch (x.opcode()) {
                case LOAD -> load(i, x);
                case SAVE -> save(i, x);
                case CONFIG -> config(i, x);
                case CONV -> conv(i);
                default -> fail(i, "unexpected " + x.opcode());
            }
            for (Queue to : x.signal()) {
                if (to == q) continue;
                tokens[q.index()][to.index()].add(i);
                maxCounter = Math.max(maxCounter, tokens[q.index()][to.index()].size());
            }
            for (int l = 0; l < complete.length; l++) {
                if (complete[l] == i) checkLayerOutput(l);
            }
        }
        for (int l = 0; l < p.layers().size(); l++) {
            if (complete[l] < 0) fail(-1, "layer " + p.layers().get(l).name() + " saves nothing");
        }
        return maxCounter;
    }

    private static void merge(int[] into, int[] from) {
        for (int k = 0; k < into.length; k++) into[k] = Math.max(into[k], from[k]);
    }

    private boolean happensBefore(int a, int b) {
        Queue qa = p.instructions().get(a).opcode().queue(), qb = p.instructions().get(b).opcode().queue();
        return qa == qb ? a < b : a <= clocks[b][qa.index()];
    }

    /** Last writer and the last reader per queue of every element, to find unordered conflicting accesses. */
    private final class Tracker {
        final int[] writer;
        final int[][] readers;

        Tracker(int n) {
            writer = new int[n];
            Arrays.fill(writer, -1);
            readers = new int[Queue.COUNT][n];
            for (int[] r : readers) Arrays.fill(r, -1);
        }

        void read(int i, int e, String what) {
            int w = writer[e];
            if (w >= 0 && !happensBefore(w, i)) fail(i, "reads " + what + " " + e + " that instruction " + w + " writes, with no token ordering them");
            readers[p.instructions().get(i).opcode().queue().index()][e] = i;
        }

        void write(int i, int e, String what) {
            int w = writer[e];
            if (w >= 0 && !happensBefore(w, i)) fail(i, "writes " + what + " " + e + " that instruction " + w + " writes, with no token ordering them");
            for (int[] r : readers) {
                if (r[e] >= 0 && r[e] != i && !happensBefore(r[e], i)) {
                    fail(i, "overwrites " + what + " " + e + " that instruction " + r[e] + " reads, with no token ordering them");
                }
            }
            writer[e] = i;
        }
    }

    private long ddrOffset(int i, Instruction x, int elementBytes, long off) {
        int region = (int) x.get(Field.REGION);
        long bound = region < ddr.length ? ddr[region].length : 0;
        if (off + elementBytes > bound) fail(i, "touches bytes " + off + ".." + (off + elementBytes - 1) + " of region " + region + " (bound " + bound + ")");
        return off;
    }

    private void load(int i, Instruction x) {
        int target = (int) x.get(Field.TARGET);
        int e = target == LoadTarget.BIAS.code() ? 4 : c.icp();
        int region = (int) x.get(Field.REGION);
        for (long i1 = 0; i1 < x.get(Field.N1); i1++) {
            for (long i0 = 0; i0 < x.get(Field.N0); i0++) {
                long off = (x.get(Field.OFFSET) + i0 * x.signed32(Field.S0) + i1 * x.signed32(Field.S1)) & 0xFFFFFFFFL;
                long idx = (x.get(Field.INDEX) + i0 * x.get(Field.D0) + i1 * x.get(Field.D1)) & 0xFFFFFFFFL;
                ddrOffset(i, x, e, off);
                for (int b = 0; b < e; b++) ddrTrack[region].read(i, (int) off + b, "DDR byte");
                byte[] src = ddr[region];
                if (target == LoadTarget.ACTIVATIONS.code()) {
                    if (idx >= c.actCapacityWords()) fail(i, "activation index " + idx + " beyond the capacity");
                    actTrack.write(i, (int) idx, "activation word");
                    System.arraycopy(src, (int) off, act, (int) idx * c.icp(), c.icp());
                } else if (target == LoadTarget.WEIGHTS.code()) {
                    int bank = (int) (idx & 63), addr = (int) (idx >> 6);
                    if (bank >= c.ocp() || addr >= c.weightBankDepth()) fail(i, "weight index " + idx + " out of range");
                    int word = bank * c.weightBankDepth() + addr;
                    wgtTrack.write(i, word, "weight word");
                    System.arraycopy(src, (int) off, wgt, word * c.icp(), c.icp());
                } else {
                    int bank = (int) (idx & 63), addr = (int) (idx >> 6);
                    if (bank >= c.ocp() || addr >= c.biasDepth()) fail(i, "bias index " + idx + " out of range");
                    int word = bank * c.biasDepth() + addr;
                    biasTrack.write(i, word, "bias word");
                    int o = (int) off;
                    bias[word] = (src[o] & 0xFF) | (src[o + 1] & 0xFF) << 8 | (src[o + 2] & 0xFF) << 16 | (src[o + 3] & 0xFF) << 24;
                }
            }
        }
    }

    private void save(int i, Instruction x) {
        int region = (int) x.get(Field.REGION);
        int layer = p.layerOf()[i];
        FeatureMap fm = p.layers().get(layer).output();
        if (fm.region().number() != region) fail(i, "saves into region " + region + ", not its layer's output region");
        for (long i1 = 0; i1 < x.get(Field.N1); i1++) {
            for (long i0 = 0; i0 < x.get(Field.N0); i0++) {
                long off = (x.get(Field.OFFSET) + i0 * x.signed32(Field.S0) + i1 * x.signed32(Field.S1)) & 0xFFFFFFFFL;
                long idx = (x.get(Field.INDEX) + i0 * x.get(Field.D0) + i1 * x.get(Field.D1)) & 0xFFFFFFFFL;
                ddrOffset(i, x, c.ocp(), off);
                if (idx >= c.outputDepth()) fail(i, "output index " + idx + " beyond the output buffer");
                outTrack.read(i, (int) idx, "output word");
                for (int b = 0; b < c.ocp(); b++) {
                    ddrTrack[region].write(i, (int) off + b, "DDR byte");
                    ddr[region][(int) off + b] = out[(int) idx * c.ocp() + b];
                    long rel = off + b - fm.offset();
                    if (rel < 0 || rel >= fm.bytes()) fail(i, "saves outside its layer's output feature map");
                    saveCount[layer][(int) rel]++;
                }
            }
        }
    }

    private void config(int i, Instruction x) {
        int reg = (int) x.get(Field.REG);
        for (int k = 0; k < x.get(Field.COUNT); k++) {
            int a = reg + k;
            boolean writable = false;
            for (Register r : Register.values()) {
                if (a >= r.address() && a < r.address() + r.tableSize()) writable = r.access() == Register.Access.WRITE && r != Register.CTRL;
            }
            if (!writable) fail(i, "config writes register 0x" + Integer.toHexString(a) + ", not a descriptor register");
            registers[a] = x.get(Field.VALUES[k]);
        }
    }

    private void conv(int i) {
        NetworkCompiler.PlacedRun pr = runAtConv.get(i);
        if (pr == null) fail(i, "a CONV that starts no planned run");
        NetworkCompiler.LayerPlan lp = comp.layers().get(pr.layer());
        ConvGeometry g = lp.layer().geometry();
        Run run = pr.run();
        EngineWidths w = EngineWidths.of(c);
        for (RegisterWrite rw : RunDescriptor.of(c, g, run, lp.layer().post(), pr.bases()).writes()) {
            if (registers[rw.address()] != rw.bits(w)) {
                fail(i, rw.register() + "[" + rw.index() + "] holds " + registers[rw.address()] + ", the run needs " + rw.bits(w));
            }
        }
        if (!run.sliced() && registers[Register.PSUM_MODE.address()] != 0) {
            fail(i, "PSUM_MODE holds " + registers[Register.PSUM_MODE.address()] + " for an unsliced run");
        }
        ActivationLayout layout = RunDescriptor.layoutOf(c, g, run);
        byte[] input = lp.source() == NetworkGraph.INPUT ? lp.input().data() : reference.get(lp.source()).data();
        int banks = c.actBanks(), icp = c.icp();
        RunLoads.activations(c, g, run, input, (sel, bank, address, limbs) -> {
            long rel = (long) address * banks + bank;
            int slot = Math.toIntExact(pr.bases().slot() + rel);
            int icg = (int) ((rel / layout.rowWidth()) % layout.icGroups());
            int lanes = Math.min(icp, g.inC() - (RunLoads.firstGroup(run) + icg) * icp);
            for (int l = 0; l < lanes; l++) {
                byte want = (byte) (limbs[l >>> 3] >>> ((l & 7) << 3));
                if (act[slot * icp + l] != want) fail(i, "activation slot " + slot + " lane " + l + " holds " + act[slot * icp + l] + ", the run needs " + want);
            }
        });
        for (int row = 0; row < layout.rows(); row++) {
            for (int icg = 0; icg < layout.icGroups(); icg++) {
                for (int col = 0; col < layout.cols(); col++) {
                    actTrack.read(i, (int) (pr.bases().slot() + layout.slot(row, icg, col)), "activation word");
                }
            }
        }
        RunLoads.weights(c, g, run, lp.weights().data(), (sel, bank, address, limbs) -> {
            int word = bank * c.weightBankDepth() + pr.bases().weight() + address;
            wgtTrack.read(i, word, "weight word");
            for (int l = 0; l < icp; l++) {
                byte want = (byte) (limbs[l >>> 3] >>> ((l & 7) << 3));
                if (wgt[word * icp + l] != want) fail(i, "weight bank " + bank + " address " + (pr.bases().weight() + address) + " lane " + l + " is wrong");
            }
        });
        RunLoads.biases(c, run, g.outC(), lp.bias().data(), null, (sel, bank, address, limbs) -> {
            int word = bank * c.biasDepth() + pr.bases().bias() + address;
            biasTrack.read(i, word, "bias word");
            if (bias[word] != (int) limbs[0]) fail(i, "bias bank " + bank + " address " + (pr.bases().bias() + address) + " is wrong");
        });
        // A slice that keeps its sums writes no output; the last slice writes the layer's results.
        if (run.keepsSums(c, g)) return;
        // The run's results, from the reference output.
        Int8Tensor y = reference.get(pr.layer());
        int ocp = c.ocp(), outC = g.outC(), ow = g.outW();
        int word = pr.bases().output();
        for (int grp = run.ocg0(); grp < run.ocg1(); grp++) {
            for (int yy = run.oy0(); yy < run.oy1(); yy++) {
                for (int xx = run.ox0(); xx < run.ox1(); xx++, word++) {
                    if (word >= c.outputDepth()) fail(i, "the run's output passes the end of the output buffer");
                    outTrack.write(i, word, "output word");
                    for (int o = 0; o < ocp; o++) {
                        int oc = grp * ocp + o;
                        out[word * ocp + o] = oc < outC ? y.data()[(yy * ow + xx) * outC + oc] : JUNK;
                    }
                }
            }
        }
    }

    private void checkLayerOutput(int layer) {
        NetProgram.LayerInfo info = p.layers().get(layer);
        FeatureMap fm = info.output();
        byte[] y = reference.get(layer).data();
        byte[] mem = ddr[fm.region().ordinal()];
        for (int py = 0; py < fm.h(); py++) {
            for (int px = 0; px < fm.w(); px++) {
                for (int ch = 0; ch < fm.c(); ch++) {
                    long at = fm.at(py, px, ch);
                    int count = saveCount[layer][(int) (at - fm.offset())];
                    // A concat's bytes are counted by the sources that save them.
                    if (info.runs() > 0 && count != 1) fail(-1, "layer " + info.name() + " output (" + py + ", " + px + ", " + ch + ") saved " + count + " times");
                    byte want = y[(py * fm.w() + px) * fm.c() + ch];
                    if (mem[(int) at] != want) fail(-1, "layer " + info.name() + " output (" + py + ", " + px + ", " + ch + ") is " + mem[(int) at] + ", expected " + want);
                }
            }
        }
    }

    private void fail(int i, String problem) {
        String where = i < 0 ? "" : "instruction " + i + " (" + Listing.line(i, p.instructions().get(i), p.layerName(i)).strip() + "): ";
        throw new AssertionError(where + problem);
    }
}
