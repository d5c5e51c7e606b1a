package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PoolDivisor;
import org.jdpu.arch.Register;

/**
 * One pool run of the core (a CONV instruction with POOL_MODE bit 0 set), untimed, written from
 * the RTL ({@code hw.PoolUnit}) like {@link ConvCore}. The tiles, steps, slots, padding and output
 * addresses are a convolution's (the same sequencer and activation path); what differs:
 * <ul>
 *   <li>lane j of a step carries the first {@code min(ICP, OCP)} channels of its word (or
 *       PAD_VALUE); the first step of a tile loads them, each later step takes the maximum
 *       (POOL_MODE bit 1 clear) or adds, in {@value PoolDivisor#SUM_BITS}-bit two's complement;</li>
 *   <li>an average is {@code floor((sum * AVG_MUL + AVG_ADD) / 2^25)}, saturated to
 *       {@value PoolDivisor#VALUE_BITS} bits ({@link PoolDivisor}); with REQUANT_MODE (a
 *       {@code +tflite} engine) of {@code |sum|}, negated for a negative sum (ties away from zero);</li>
 *   <li>the value is clamped to [OUT_MIN, OUT_MAX] and written to byte o of the output word for
 *       {@code o < min(ICP, OCP)}; the other bytes are 0. Weights and biases are not read.</li>
 * </ul>
 */
public final class PoolCore {
    private PoolCore() {}

    /** True when the registers describe a pool run. */
    public static boolean selected(OnChipBuffers b) {
        return (b.register(Register.POOL_MODE) & 1) != 0;
    }

    public static ConvCore.RunStats run(OnChipBuffers b) {
        DpuConfig c = b.config();
        EngineWidths w = b.widths();
        ConvCore.Walk walk = ConvCore.Walk.of(b);
        int pp = c.pp(), icp = c.icp(), ocp = c.ocp(), lanes = Math.min(icp, ocp);
        boolean average = (b.register(Register.POOL_MODE) & 2) != 0;
        long add = b.register(Register.AVG_ADD), mul = b.register(Register.AVG_MUL);
        boolean roundAway = c.tflite() && b.register(Register.REQUANT_MODE) == 1;
        long outMin = b.register(Register.OUT_MIN), outMax = b.register(Register.OUT_MAX);
        byte pad = (byte) b.register(Register.PAD_VALUE);
        long slotMask = c.actCapacityWords() - 1, outMask = c.outputDepth() - 1;
        long countMask = (1L << w.count()) - 1;
        byte[] act = b.activationArray(), out = b.outputArray();
        long[][] acc = new long[pp][lanes];
        long outAddr = b.register(Register.OUT_BASE);
        long tiles = 0, written = 0;

        for (long ocg = 0; ocg < walk.ocGroups(); ocg++) {
            for (long y = 0; y < walk.outRows(); y++) {
                for (long xg = 0; xg < walk.pixGroups(); xg++, tiles++) {
                    long x0 = (xg * pp) & countMask;
                    boolean first = true;
                    for (int ky = 0; ky < walk.kh(); ky++) {
                        long row = ConvCore.signed(walk.rowOrigin() + y * walk.rowStep() + ky * walk.rowDilation(), w.index());
                        boolean rowValid = row >= 0 && row < walk.inRows();
                        long addrRow = walk.addrRowOrigin() + y * walk.addrRowStep() + ky * walk.addrRowDilation();
                        for (int kx = 0; kx < walk.kw(); kx++) {
                            for (long icg = 0; icg < walk.icGroups(); icg++) {
                                long slot = addrRow + icg * walk.addrIcStep() + walk.colBase()[kx] + x0;
                                for (int j = 0; j < pp; j++) {
                                    boolean inside = rowValid && x0 - walk.colLo()[kx] >= -j && walk.colHi()[kx] - x0 > j;
                                    int from = (int) ((slot + j) & slotMask) * icp;
                                    for (int i = 0; i < lanes; i++) {
                                        long v = inside ? act[from + i] : pad;
                                        acc[j][i] = first ? v : average ? wrap(acc[j][i] + v) : Math.max(acc[j][i], v);
                                    }
                                }
                                first = false;
                            }
                        }
                    }
                    for (int j = 0; j < pp; j++) {
                        long x = (xg * pp + j) & countMask;
                        if (x >= walk.outCols()) continue;
                        int word = (int) (outAddr & outMask) * ocp;
                        for (int o = 0; o < ocp; o++) {
                            long v = o >= lanes ? 0 : average ? (roundAway && acc[j][o] < 0
                                    ? -quotient(-acc[j][o], add, mul) : quotient(acc[j][o], add, mul)) : acc[j][o];
                            if (o < lanes) v = Math.min(Math.max(v, outMin), outMax);
                            out[word + o] = (byte) v;
                        }
                        outAddr++;
                        written++;
                    }
                }
            }
        }
        return new ConvCore.RunStats(tiles, tiles * walk.kh() * walk.kw() * walk.icGroups(), written);
    }

    /** {@code floor((sum * mul + add) / 2^25)} saturated to the value width (exact in 64 bits: |sum * mul| < 2^43). */
    private static long quotient(long sum, long add, long mul) {
        long v = (sum * mul + add) >> PoolDivisor.SHIFT;
        long lim = 1L << (PoolDivisor.VALUE_BITS - 1);
        return Math.max(-lim, Math.min(lim - 1, v));
    }

    /** {@code v} in {@value PoolDivisor#SUM_BITS}-bit two's complement. */
    private static long wrap(long v) {
        return ConvCore.signed(v, PoolDivisor.SUM_BITS);
    }
}
