package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.plan.ConvGeometry;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The PARAMS region: per layer and per run-channel-chunk, the weights and then the biases in
 * exactly the order one LOAD writes them, each image starting at a multiple of the alignment.
 *
 * <pre>
 *   weights: for group g of the chunk, step k, bank o: ICP bytes, weight[oc = (ocg0+g)*OCP + o][ky][kx][gi*ICP ..]
 *            (step k = (ky*KW + kx)*icGroups + gi; zero for channels beyond the layer; a run of
 *            input-channel slice [icg0, icg1) stores only its groups, gi = icg0 + its step's group)
 *   biases:  for group g, bank o: int32 little-endian bias[oc] (zero beyond the layer)
 * </pre>
 *
 * A chunk used by several runs (one per row band) is stored once.
 */
final class ParamsImage {
    private final DpuConfig c;
    private final long alignment;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, long[]> chunks = new HashMap<>();

    ParamsImage(DpuConfig c, long alignment) {
        this.c = c;
        this.alignment = alignment;
    }

    /** Offsets {weights, biases} of layer {@code layer}'s chunk of groups [ocg0, ocg1), adding it on first use. */
    long[] chunk(int layer, ConvGeometry g, byte[] weights, int[] bias, int ocg0, int ocg1) {
        return chunk(layer, g, weights, bias, null, ocg0, ocg1, 0, g.icGroups(c));
    }

    /**
     * The same for the input-channel slice [icg0, icg1) of the chunk (a sliced run's weights); for a
     * multiplier-mode layer ({@code requant} [2, outC]: multipliers then shifts, as
     * {@link org.jdpu.compiler.Compiler#requantTable} gives them) the offsets are {weights, biases,
     * multipliers, shifts}, each laid out like the biases.
     */
    long[] chunk(int layer, ConvGeometry g, byte[] weights, int[] bias, int[] requant, int ocg0, int ocg1, int icg0, int icg1) {
        return chunks.computeIfAbsent(layer + ":" + ocg0 + ":" + ocg1 + ":" + icg0 + ":" + icg1, k -> {
            long w = append(weightImage(g, weights, ocg0, ocg1, icg0, icg1));
            long b = append(biasImage(g, bias, ocg0, ocg1));
            if (requant == null) return new long[] {w, b};
            int n = g.outC();
            long m = append(biasImage(g, java.util.Arrays.copyOfRange(requant, 0, n), ocg0, ocg1));
            long s = append(biasImage(g, java.util.Arrays.copyOfRange(requant, n, 2 * n), ocg0, ocg1));
            return new long[] {w, b, m, s};
        });
    }

    private byte[] weightImage(ConvGeometry g, byte[] weights, int ocg0, int ocg1, int icg0, int icg1) {
        int icp = c.icp(), ocp = c.ocp(), icg = icg1 - icg0, steps = g.kh() * g.kw() * icg;
        byte[] img = new byte[Math.toIntExact((long) (ocg1 - ocg0) * steps * ocp * icp)];
        int at = 0;
        for (int grp = ocg0; grp < ocg1; grp++) {
            for (int k = 0; k < steps; k++) {
                int gi = icg0 + k % icg, kx = (k / icg) % g.kw(), ky = k / (icg * g.kw());
                for (int o = 0; o < ocp; o++, at += icp) {
                    int oc = grp * ocp + o;
                    if (oc >= g.outC()) continue;
                    int base = ((oc * g.kh() + ky) * g.kw() + kx) * g.inC();
                    for (int i = 0, ic = gi * icp; i < icp && ic < g.inC(); i++, ic++) img[at + i] = weights[base + ic];
                }
            }
        }
        return img;
    }

    private byte[] biasImage(ConvGeometry g, int[] bias, int ocg0, int ocg1) {
        int ocp = c.ocp();
        byte[] img = new byte[(ocg1 - ocg0) * ocp * 4];
        int at = 0;
        for (int grp = ocg0; grp < ocg1; grp++) {
            for (int o = 0; o < ocp; o++, at += 4) {
                int oc = grp * ocp + o;
                int v = oc < g.outC() && bias != null ? bias[oc] : 0;
                for (int b = 0; b < 4; b++) img[at + b] = (byte) (v >>> (8 * b));
            }
        }
        return img;
    }

    private long append(byte[] img) {
        long offset = bytes.size();
        bytes.writeBytes(img);
        while (bytes.size() % alignment != 0) bytes.write(0);
        return offset;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
