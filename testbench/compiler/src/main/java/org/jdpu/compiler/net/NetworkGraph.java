package org.jdpu.compiler.net;

import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compiler's view of a network's graph, by layer index in program order: which layers each one
 * reads, which read it, and where concatenated tensors live.
 *
 * <p>A concat is done by placement, without a copy: each of its sources is a channel slice of the
 * concat's feature map, written there straight by its producer. A tensor that is a source of a
 * concat is therefore <em>contained</em> in it at a channel offset; following containers upwards
 * ends at a <em>root</em>, the tensor that owns the bytes. A root and everything contained in it
 * form one buffer: it lives from its first writer to the last layer that loads any part of it.
 *
 * <p>Placement needs: the network input is never a concat source (it has its own region); a
 * tensor is a source of at most one concat, once; and every source but a concat's last has a
 * whole number of save and load groups (see {@link #checkPlacement}).
 */
public final class NetworkGraph {
    /** Index standing for the network input among a layer's sources. */
    static final int INPUT = -1;

    private final NetworkSpec net;
    private final int[][] sources;
    private final List<List<Integer>> readers;
    private final List<Integer> inputReaders = new ArrayList<>();
    private final boolean[] output;
    private final int[] container;
    private final int[] channelOffset;

    private NetworkGraph(NetworkSpec net) {
        this.net = net;
        int n = net.layers().size();
        sources = new int[n][];
        readers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) readers.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            List<String> in = net.layers().get(i).inputs();
            sources[i] = new int[in.size()];
            for (int k = 0; k < in.size(); k++) {
                String name = in.get(k);
                int s = name.equals(NetworkSpec.INPUT) ? INPUT : indexOf(name, i);
                sources[i][k] = s;
                if (s == INPUT) inputReaders.add(i);
                else readers.get(s).add(i);
            }
        }
        output = new boolean[n];
        for (NetworkSpec.Layer l : net.outputs()) output[net.layers().indexOf(l)] = true;
        for (int i = 0; i < n; i++) {
            if (readers.get(i).isEmpty()) output[i] = true;
        }
        container = new int[n];
        channelOffset = new int[n];
        Arrays.fill(container, -1);
    }

    /** The graph of {@code net}, with each concat source's container (not yet checked against a configuration). */
    static NetworkGraph of(NetworkSpec net) {
        NetworkGraph g = new NetworkGraph(net);
        for (int i = 0; i < g.size(); i++) {
            if (!(net.layers().get(i).spec() instanceof ConcatSpec concat)) continue;
            for (int k = 0; k < g.sources[i].length; k++) {
                int s = g.sources[i][k];
                if (s == INPUT) {
                    throw new UnsupportedByEngineException("concat \"" + g.name(i) + "\" reads the network input, which "
                            + "lives in its own region and cannot be placed inside the concat");
                }
                if (g.container[s] >= 0) {
                    throw new UnsupportedByEngineException("layer \"" + g.name(s) + "\" is a source of concat \""
                            + g.name(g.container[s]) + "\" and of concat \"" + g.name(i) + "\" (or twice of one): "
                            + "a tensor can be placed in one concat only");
                }
                g.container[s] = i;
                g.channelOffset[s] = concat.channelOffset(k);
            }
        }
        return g;
    }

    /**
     * Refuses a concat source that cannot be placed on a configuration with input- and output-channel
     * parallelism {@code icp} and {@code ocp}: every source but a concat's last needs a multiple of
     * both (of P when they are equal), so its SAVEs write no pad lanes into the next source and a
     * layer that loads it alone reads no channel of another source.
     */
    void checkPlacement(int icp, int ocp) {
        int group = lcm(icp, ocp);
        for (int i = 0; i < size(); i++) {
            if (!isConcat(i)) continue;
            for (int k = 0; k < sources[i].length - 1; k++) {
                int s = sources[i][k];
                int channels = net.layers().get(s).spec().output().c();
                if (channels % group != 0) {
                    throw new UnsupportedByEngineException("layer \"" + name(s) + "\" ($[" + s + "]) has " + channels
                            + " channels, not a multiple of " + group + (icp == ocp ? " (ICP = OCP)"
                            : " (the least common multiple of ICP " + icp + " and OCP " + ocp + ")")
                            + ", so it cannot be placed before the next source of concat \"" + name(i) + "\"; only a "
                            + "concat's last source may end in a partial channel group");
                }
            }
        }
    }

    /** The channel multiple {@link #checkPlacement} asks of a concat's sources but the last. */
    static int placementGroup(int icp, int ocp) {
        return lcm(icp, ocp);
    }

    private static int lcm(int a, int b) {
        int x = a, y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    int size() {
        return sources.length;
    }

    String name(int i) {
        return net.layers().get(i).name();
    }

    boolean isConcat(int i) {
        return net.layers().get(i).spec() instanceof ConcatSpec;
    }

    /** The layers {@code i} reads, in operand order ({@link #INPUT} for the network input). */
    int[] sources(int i) {
        return sources[i].clone();
    }

    /** The layers that read layer {@code i}'s output, in program order. */
    List<Integer> readers(int i) {
        return List.copyOf(readers.get(i));
    }

    /** The layers that read the network input. */
    List<Integer> inputReaders() {
        return List.copyOf(inputReaders);
    }

    /** True for a network output: marked as one, the last layer, or read by no layer. */
    boolean isOutput(int i) {
        return output[i];
    }

    /** The concat that contains layer {@code i}'s output, or -1. */
    int container(int i) {
        return container[i];
    }

    /** The tensor that owns the bytes of layer {@code i}'s output (itself when it is in no concat). */
    int root(int i) {
        while (container[i] >= 0) i = container[i];
        return i;
    }

    /** The first channel of layer {@code i}'s output inside its root. */
    int rootChannel(int i) {
        int ch = 0;
        for (; container[i] >= 0; i = container[i]) ch += channelOffset[i];
        return ch;
    }

    /** Every layer whose output lives in root {@code r}'s bytes (the root included), in program order. */
    List<Integer> members(int r) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (root(i) == r) out.add(i);
        }
        return out;
    }

    /**
     * The computing layers (not concats) whose SAVEs write the bytes layer {@code i}'s output is
     * read from: {@code i} itself, or every source of a concat, through nested concats.
     */
    List<Integer> producers(int i) {
        List<Integer> out = new ArrayList<>();
        addProducers(i, out);
        out.sort(null);
        return out;
    }

    private void addProducers(int i, List<Integer> out) {
        if (!isConcat(i)) {
            out.add(i);
            return;
        }
        for (int s : sources[i]) addProducers(s, out);
    }

    /** The computing layers that load any part of root {@code r}'s bytes, in program order. */
    List<Integer> loaders(int r) {
        List<Integer> out = new ArrayList<>();
        for (int m : members(r)) {
            for (int reader : readers.get(m)) {
                if (!isConcat(reader) && !out.contains(reader)) out.add(reader);
            }
        }
        out.sort(null);
        return out;
    }

    /** True when any tensor in root {@code r}'s bytes is a network output. */
    boolean holdsOutput(int r) {
        for (int m : members(r)) {
            if (output[m]) return true;
        }
        return false;
    }

    private int indexOf(String name, int before) {
        for (int j = 0; j < before; j++) {
            if (net.layers().get(j).name().equals(name)) return j;
        }
        throw new IllegalArgumentException("layer " + before + " reads \"" + name + "\", which is no earlier layer");
    }
}
