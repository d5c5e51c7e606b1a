package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.compiler.net.TestNets.Node;
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
                new NetworkCompiler.Compilation(broken, comp.layers(), comp.runs(), comp.graph()), net.reference()).check());
        assertTrue(e.getMessage().contains("no token ordering them"), e.getMessage());
    }

    @Test
    void refusesOtherOperatorsNamingTheLayer() {
        Net ok = fourLayers(7);
        List<NetworkSpec.Layer> layers = new ArrayList<>(ok.spec().layers().subList(0, 2));
        FeatureShape s = layers.get(1).spec().output();
        layers.add(new NetworkSpec.Layer("fc1", new org.jdpu.spec.Conv2dSpec(s, 10, new org.jdpu.spec.Window(1, 1, 1, 1, 1, 1,
                org.jdpu.spec.Padding.NONE), new org.jdpu.spec.Quant.NoQuant(0, 0), Activation.NONE), null, null, null));
        Net net = TestNets.of(layers, 7);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(SMALL, net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().contains("layer \"fc1\"") && e.getMessage().contains("not supported by the engine yet"), e.getMessage());
    }

    /**
     * stem -> a, b (both read stem) -> cat(a, b) -> head; side reads a and is a second output. Branch
     * a has {@code ca} channels (a multiple of the placement group), b an odd count.
     */
    static Net branchAndConcat(long seed, int ca) {
        return TestNets.graph(seed, 7, 9, 3,
                Node.conv("stem", NetworkSpec.INPUT, Shape.of(6, 3, 1, 1)),
                Node.conv("a", "stem", Shape.of(ca, 3, 1, 1)),
                Node.conv("b", "stem", Shape.of(5, 1, 1, 0)),
                Node.concat("cat", "a", "b"),
                Node.conv("side", "a", Shape.of(4, 1, 1, 0)).asOutput(),
                Node.conv("head", "cat", Shape.of(6, 1, 1, 0)));
    }

    static final DpuConfig[] GRAPH_CONFIGS = {SMALL, TIGHT, DpuConfig.parse("2x8x3:act=128,wgt=64,out=128,bias=32"), B512};

    @Test
    void concatIsPlacementAndBranchesAreViews() {
        for (DpuConfig c : GRAPH_CONFIGS) {
            Net net = branchAndConcat(21, NetworkCompiler.concatChannelGroup(c));
            NetworkCompiler.Compilation comp = checked(c, net);
            NetProgram p = comp.program();
            NetProgram.LayerInfo a = p.layers().get(1), b = p.layers().get(2), cat = p.layers().get(3);
            NetProgram.LayerInfo side = p.layers().get(4), head = p.layers().get(5);
            assertEquals(0, cat.runs(), c.name() + ": a concat has no runs");
            assertEquals(0, cat.instructions(), c.name());
            assertEquals(cat.output().slice(0, a.output().c()), a.output(), c.name() + ": a is the concat's first slice");
            assertEquals(cat.output().slice(a.output().c(), 5), b.output(), c.name() + ": b is the concat's second slice");
            assertEquals(Region.WORKSPACE, cat.output().region(), c.name());
            assertEquals(a.output(), side.input(), c.name() + ": side reads a's slice");
            assertEquals(cat.output(), head.input(), c.name());
            assertEquals(Region.OUTPUT, side.output().region(), c.name());
            assertEquals(Region.OUTPUT, head.output().region(), c.name());
            assertTrue(side.output().offset() + side.output().bytes() <= head.output().offset(), c.name() + ": outputs apart");
            assertEquals(head.output().offset() + head.output().bytes(), p.region(Region.OUTPUT).size(), c.name());
            assertEquals(0, comp.layers().get(1).source(), c.name());
            assertEquals(0, comp.layers().get(2).source(), c.name());
        }
    }

    @Test
    void aBufferReadByTwoLayersLivesUntilTheLaterOneLoadsIt() {
        // conv1 is read by conv2 and, after conv3 is written, by conv4: conv3 must not take conv1's bytes.
        Net net = TestNets.graph(22, 8, 8, 4,
                Node.conv("conv1", NetworkSpec.INPUT, Shape.of(6, 3, 1, 1)),
                Node.conv("conv2", "conv1", Shape.of(6, 3, 1, 1)),
                Node.conv("conv3", "conv2", Shape.of(6, 3, 1, 1)),
                Node.conv("conv4", "conv1", Shape.of(5, 1, 1, 0)).asOutput(),
                Node.conv("conv5", "conv3", Shape.of(3, 1, 1, 0)));
        NetworkCompiler.Compilation comp = checked(SMALL, net);
        FeatureMap c1 = comp.program().layers().get(0).output(), c3 = comp.program().layers().get(2).output();
        assertTrue(c1.offset() + c1.bytes() <= c3.offset() || c3.offset() + c3.bytes() <= c1.offset(),
                "conv1 " + c1 + " and conv3 " + c3 + " are live together");
        // conv2's buffer is dead once conv3 has loaded it: conv5's chain may reuse it only after that.
        assertEquals(Region.OUTPUT, comp.program().layers().get(3).output().region());
    }

    /** Weight banks deep enough for most random graphs, still small enough to tile them. */
    static final DpuConfig[] RANDOM_GRAPH_CONFIGS = {DpuConfig.parse("3x5x7:act=256,wgt=256,out=128,bias=32"),
            DpuConfig.parse("4x4x4:act=128,wgt=256,out=128,bias=32"), DpuConfig.parse("2x8x3:act=256,wgt=256,out=128,bias=32"),
            B512};

    @Test
    void randomGraphs() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("NetworkCompilerTest.randomGraphs seed " + base);
        int compiled = 0;
        for (int t = 0; t < 16; t++) {
            long seed = base + t;
            DpuConfig c = RANDOM_GRAPH_CONFIGS[(int) Math.floorMod(seed, (long) RANDOM_GRAPH_CONFIGS.length)];
            org.jdpu.cases.RandomNetworks r = org.jdpu.cases.RandomNetworks.drawGraph(seed, NetworkCompiler.concatChannelGroup(c));
            Net net = new Net(r.spec(), r.input(), LayerTensors.of(r.operands()));
            try {
                checked(c, net);
                compiled++;
            } catch (UnsupportedByEngineException e) {
                System.out.println("graph seed " + seed + " on " + c.name() + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("layer \""), e.getMessage());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("graph seed " + seed + " on " + c.name() + ": " + e.getMessage(), e);
            }
        }
        assertTrue(compiled >= 10, "only " + compiled + " of 16 random graphs compiled");
    }

    @Test
    void refusesAConcatSourceThatIsNotAWholeChannelGroup() {
        Net net = branchAndConcat(23, 6);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(B512, net.spec(), net.input(), net.tensors()));
        assertEquals("layer \"a\" ($[1]) has 6 channels, not a multiple of 8 (ICP = OCP), so it cannot be placed before "
                + "the next source of concat \"cat\"; only a concat's last source may end in a partial channel group",
                e.getMessage());
        UnsupportedByEngineException odd = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(SMALL, net.spec(), net.input(), net.tensors()));
        assertTrue(odd.getMessage().contains("not a multiple of 35 (the least common multiple of ICP 5 and OCP 7)"),
                odd.getMessage());
    }

    @Test
    void refusesConcatsThatCannotBePlaced() {
        Net ofInput = TestNets.graph(24, 6, 6, 8,
                Node.conv("conv1", NetworkSpec.INPUT, Shape.of(8, 1, 1, 0)),
                Node.concat("cat", NetworkSpec.INPUT, "conv1"));
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(B512, ofInput.spec(), ofInput.input(), ofInput.tensors()));
        assertEquals("concat \"cat\" reads the network input, which lives in its own region and cannot be placed inside "
                + "the concat", e.getMessage());
        Net twice = TestNets.graph(25, 6, 6, 8,
                Node.conv("conv1", NetworkSpec.INPUT, Shape.of(8, 1, 1, 0)),
                Node.conv("conv2", "conv1", Shape.of(8, 1, 1, 0)),
                Node.concat("cat1", "conv1", "conv2").asOutput(),
                Node.concat("cat2", "conv2", "conv1"));
        e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(B512, twice.spec(), twice.input(), twice.tensors()));
        assertEquals("layer \"conv2\" is a source of concat \"cat1\" and of concat \"cat2\" (or twice of one): a tensor "
                + "can be placed in one concat only", e.getMessage());
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
