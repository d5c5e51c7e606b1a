package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.compiler.net.TestNets.Shape;
import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.PoolSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled networks checked by structure and data movement ({@link NetProgramChecker}): tokens
 * order every conflicting access, bounds hold, every run sees its exact operands, every output
 * byte is saved once and right; plus placement, refusal messages and the encode/decode round trip.
 */
class NetworkCompilerTest {
    /** Small buffers: every layer splits into runs and double-buffers on halves of 32 words. */
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");
    /** Weight halves of 16 words: a 3x3 layer with two input-channel groups (18 steps) single-buffers. */
    static final DpuConfig TIGHT = DpuConfig.parse("4x4x4:act=64,wgt=32,out=64,bias=32");
    static final DpuConfig B512 = DpuConfig.parse("B512");

    static Net fourLayers(long seed) {
        return TestNets.chain(seed, 10, 12, 3, Shape.of(8, 3, 1, 1), Shape.of(12, 3, 2, 1), Shape.of(6, 1, 1, 0),
                Shape.of(9, 3, 1, 1));
    }

    static NetworkCompiler.Compilation checked(DpuConfig c, Net net) {
        NetworkCompiler.Compilation comp = NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors());
        new NetProgramChecker(comp, net.reference()).check();
        roundTrip(comp.program());
        return comp;
    }

    static void roundTrip(NetProgram p) {
        List<Instruction> decoded = Listing.decode(p.binary(), "memory");
        assertEquals(p.instructions().size(), decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            assertArrayEquals(p.instructions().get(i).encode(), decoded.get(i).encode(), "instruction " + i);
            assertEquals(p.instructions().get(i).text(), decoded.get(i).text(), "instruction " + i);
        }
        assertEquals(Listing.of(p), Listing.disassemble(p.binary(), "memory", p.layerNames()));
    }

    @Test
    void fourLayerChainOnSmallBuffers() {
        NetworkCompiler.Compilation comp = checked(SMALL, fourLayers(1));
        NetProgram p = comp.program();
        assertEquals(4, p.layers().size());
        assertTrue(comp.runs().size() > 8, "small buffers split the layers: " + comp.runs().size() + " runs");
        assertTrue(p.layers().stream().allMatch(NetProgram.LayerInfo::doubleBuffered));
        assertEquals(Opcode.END, p.instructions().getLast().opcode());
        // Output 0 and 2 share the workspace's first buffer; 1 is the other one; 3 goes to OUTPUT.
        assertEquals(Region.OUTPUT, p.layers().get(3).output().region());
        assertEquals(p.layers().get(0).output().offset(), p.layers().get(2).output().offset());
        assertTrue(p.layers().get(1).output().offset() >= p.layers().get(0).output().bytes());
        assertEquals(p.layers().get(1).output(), p.layers().get(2).input());
    }

    @Test
    void loadsOfTheNextRunComeBeforeTheCurrentConv() {
        NetworkCompiler.Compilation comp = checked(SMALL, fourLayers(2));
        List<Instruction> ins = comp.program().instructions();
        int conv0 = comp.runs().get(0).convIndex();
        boolean secondHalfLoaded = false;
        for (int i = 0; i < conv0; i++) {
            Instruction x = ins.get(i);
            if (x.opcode() != Opcode.LOAD) continue;
            long index = x.get(org.jdpu.arch.isa.Field.INDEX);
            long target = x.get(org.jdpu.arch.isa.Field.TARGET);
            if (target == 0 && index >= SMALL.actCapacityWords() / 2) secondHalfLoaded = true;
            if (target == 1 && (index >> 6) >= SMALL.weightBankDepth() / 2) secondHalfLoaded = true;
        }
        assertTrue(secondHalfLoaded, "run 1's loads (into the other halves) precede run 0's CONV");
        assertTrue(ins.get(conv0 + 1).opcode() == Opcode.SAVE, "run 0's SAVE follows its CONV");
    }

    @Test
    void onlyWaitedForProducersSignalAndCountersStaySmall() {
        NetworkCompiler.Compilation comp = checked(SMALL, fourLayers(3));
        List<Instruction> ins = comp.program().instructions();
        int max = TokenAssigner.checkSequential(ins);
        assertTrue(max <= 4, "at most a few unconsumed tokens per pair: " + max);
        int signals = 0, waits = 0;
        for (Instruction i : ins) {
            signals += i.signal().size();
            waits += i.waitOn().size();
            assertFalse(i.waitOn().contains(i.opcode().queue()) || i.signal().contains(i.opcode().queue()), "no bit of its own queue");
        }
        assertEquals(signals, waits, "every signal is consumed by one wait");
    }

    @Test
    void singleBufferedLayerWhenHalfABankIsTooSmall() {
        Net net = TestNets.chain(4, 8, 9, 6, Shape.of(5, 3, 1, 1), Shape.of(7, 3, 1, 1), Shape.of(4, 1, 1, 0));
        NetProgram p = checked(TIGHT, net).program();
        // conv2 has 5 channels = 2 groups of ICP 4, 3x3: 18 steps > 16 words of half a weight bank.
        assertFalse(p.layers().get(1).doubleBuffered(), "conv2 needs whole weight banks");
        assertTrue(p.layers().get(2).doubleBuffered());
    }

    @Test
    void augmentedFirstLayerOnB512() {
        Net net = TestNets.chain(5, 24, 24, 3, Shape.of(16, 5, 1, 2), Shape.of(16, 3, 2, 1), Shape.of(8, 3, 1, 1));
        NetProgram p = checked(B512, net).program();
        assertEquals(Lowering.AUGMENTED, p.layers().get(0).lowering());
        assertEquals(5 * 3, p.layers().get(0).input().c(), "the input holds the gathered columns");
        assertEquals(Lowering.DIRECT, p.layers().get(1).lowering());
        assertEquals(p.region(Region.INPUT).size(), p.layers().get(0).input().bytes());
    }

    @Test
    void randomChains() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("NetworkCompilerTest.randomChains seed " + base);
        DpuConfig[] configs = {SMALL, TIGHT, DpuConfig.parse("2x8x3:act=128,wgt=64,out=128,bias=32"), B512};
        for (int t = 0; t < 24; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            TestNets.RandomChain chain = TestNets.randomChain(rnd);
            DpuConfig c = configs[rnd.nextInt(configs.length)];
            Net net = TestNets.chain(seed, chain.h(), chain.w(), 1 + rnd.nextInt(12), chain.shapes());
            try {
                checked(c, net);
            } catch (UnsupportedByEngineException e) {
                // a layer beyond the small buffers: refused by name, which is fine here
                assertTrue(e.getMessage().startsWith("layer \"conv"), e.getMessage());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " on " + c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void checkerCatchesAMissingToken() {
        NetworkCompiler.Compilation comp = NetworkCompiler.compileDetailed(SMALL, fourLayers(6).spec(), fourLayers(6).input(),
                fourLayers(6).tensors());
        List<Instruction> ins = new ArrayList<>(comp.program().instructions());
        // Drop the wait of the second CONV on its loads (and the matching signal, so the counts still balance).
        int conv = -1, seen = 0;
        for (int i = 0; i < ins.size(); i++) {
            if (ins.get(i).opcode() == Opcode.CONV && ++seen == 2) conv = i;
        }
        assertTrue(ins.get(conv).waitOn().contains(Queue.LOAD), ins.get(conv).text());
        ins.set(conv, ins.get(conv).withTokens(Set.of(), ins.get(conv).signal()));
        for (int i = conv - 1; i >= 0; i--) {
            if (ins.get(i).signal().contains(Queue.CONV) && ins.get(i).opcode() == Opcode.LOAD) {
                Set<Queue> s = new java.util.HashSet<>(ins.get(i).signal());
                s.remove(Queue.CONV);
                ins.set(i, ins.get(i).withTokens(ins.get(i).waitOn(), s));
                break;
            }
        }
        NetProgram p = comp.program();
        NetProgram broken = new NetProgram(p.config(), ins, p.layerOf(), p.regions(), p.layers());
        Net net = fourLayers(6);
        AssertionError e = assertThrows(AssertionError.class, () -> new NetProgramChecker(
                new NetworkCompiler.Compilation(broken, comp.layers(), comp.runs()), net.reference()).check());
        assertTrue(e.getMessage().contains("no token ordering them"), e.getMessage());
    }

    @Test
    void refusesOtherOperatorsNamingTheLayer() {
        Net ok = fourLayers(7);
        List<NetworkSpec.Layer> layers = new ArrayList<>(ok.spec().layers().subList(0, 2));
        FeatureShape s = layers.get(1).spec().output();
        layers.add(new NetworkSpec.Layer("dw1", new org.jdpu.spec.DepthwiseConv2dSpec(s, 1, new org.jdpu.spec.Window(3, 3, 1, 1,
                1, 1, org.jdpu.spec.Padding.NONE), new org.jdpu.spec.Quant.ShiftQuant(4, 7, 9, 4), Activation.NONE), null, null, null));
        Net net = TestNets.of(layers, 7);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(SMALL, net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().contains("layer \"dw1\"") && e.getMessage().contains("not supported by the engine yet"), e.getMessage());
    }

    @Test
    void refusesALayerThatDoesNotReadTheLayerBeforeIt() {
        Net ok = fourLayers(7);
        List<NetworkSpec.Layer> layers = new ArrayList<>(ok.spec().layers());
        NetworkSpec.Layer second = layers.get(1);
        layers.set(1, new NetworkSpec.Layer(second.name(), second.spec(), null, null, List.of("conv1"), false));
        layers.set(2, new NetworkSpec.Layer(layers.get(2).name(), layers.get(2).spec(), null, null, List.of("conv1"), true));
        Net net = TestNets.of(layers, 7);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(SMALL, net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().startsWith("layer \"conv3\" ($[2]): it reads \"conv1\"; the compiler takes chains"),
                e.getMessage());
    }

    @Test
    void refusesALayerThatDoesNotFitNamingTheLayerAndTheLimit() {
        Net net = TestNets.chain(8, 6, 6, 4, Shape.of(4, 1, 1, 0), Shape.of(8, 7, 1, 3));
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(TIGHT, net.spec(), net.input(), net.tensors()));
        assertEquals("layer \"conv2\" ($[1]): the weights of one output-channel group need 49 words per bank (kernel 7x7"
                + " x 1 input-channel groups) but a weight bank holds 32", e.getMessage());
    }
}
