package org.jdpu.golden;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Weights widened to int with their zero point subtracted, in the order a loop of
 * {@link Accumulators} reads them, kept per thread for the next call with the same tensor.
 *
 * <p>Classifying many images runs every layer with the same weights again and again; widening them
 * each time cost as much as the dense layers' whole arithmetic. An entry is keyed by the weight
 * array's identity and used only while a copy of its bytes still equals the array (one vectorised
 * compare), so a caller that changes the bytes in place gets a fresh conversion, never a stale one.
 * Keys are weak (a tensor no longer used frees its entry) and a thread keeps at most
 * {@link #MAX_CACHED_BYTES}; beyond that weights are widened per call, as before.
 */
final class WidenedWeights {
    /** The memory one thread may keep: the copy (1 byte) plus the widened values (4 bytes) per weight. */
    static final long MAX_CACHED_BYTES = 64L << 20;

    /** How the widened values are ordered. */
    enum Order {
        /** As stored: [OC][KH][KW][C] for a conv2d, [OC][N] for a dense layer, [KH][KW][C*M] for a depthwise. */
        AS_STORED,
        /** Output channel innermost: [KH][KW][C][OC], for the small-channel conv2d loop. */
        CHANNELS_LAST
    }

    private record Entry(byte[] copy, int zeroPoint, Order order, int outputChannels, int[] values) {
        long bytes() {
            return copy.length * 5L;
        }
    }

    private static final ThreadLocal<Map<byte[], Entry>> CACHE = ThreadLocal.withInitial(WeakHashMap::new);

    private WidenedWeights() {}

    /** {@code w - zeroPoint} as int in {@code order} ({@code outputChannels} is the leading dimension as stored). */
    static int[] of(byte[] w, int zeroPoint, Order order, int outputChannels) {
        Map<byte[], Entry> cache = CACHE.get();
        Entry e = cache.get(w);
        if (e != null && e.zeroPoint == zeroPoint && e.order == order && e.outputChannels == outputChannels
                && Arrays.equals(e.copy, w)) {
            return e.values;
        }
        int[] values = widen(w, zeroPoint, order, outputChannels);
        long held = 0;
        for (Entry other : cache.values()) held += other == e ? 0 : other.bytes();
        Entry fresh = new Entry(w.clone(), zeroPoint, order, outputChannels, values);
        if (held + fresh.bytes() <= MAX_CACHED_BYTES) cache.put(w, fresh);
        else if (e != null) cache.remove(w);
        return values;
    }

    private static int[] widen(byte[] w, int zeroPoint, Order order, int outputChannels) {
        int[] out = new int[w.length];
        switch (order) {
            case AS_STORED -> {
                for (int i = 0; i < w.length; i++) out[i] = w[i] - zeroPoint;
            }
            case CHANNELS_LAST -> {
                int taps = w.length / outputChannels;
                for (int oc = 0; oc < outputChannels; oc++) {
                    for (int t = 0; t < taps; t++) out[t * outputChannels + oc] = w[oc * taps + t] - zeroPoint;
                }
            }
        }
        return out;
    }
}
