package org.jdpu.dse;

/**
 * One layer of the network on one configuration, from the whole-program schedule.
 *
 * @param span          cycles from its first instruction's start to its last one's end
 * @param computeCycles the core's busy cycles for it
 * @param memoryCycles  cycles its DDR bytes take at the AXI port's rate, on the busier of the read and write channels
 * @param bound         what limits it: compute, memory, or misc (neither: fetch, CONFIG, dependencies, latency)
 */
public record LayerFigures(String name, long macs, long bytes, long span, long computeCycles, long memoryCycles,
                           double utilization, Bound bound) {
    /** What a layer's time is spent on. */
    public enum Bound { COMPUTE, MEMORY, MISC }

    /** MACs x 2 per DDR byte: the roofline's operational intensity. */
    public double intensity() {
        return bytes == 0 ? Double.POSITIVE_INFINITY : 2.0 * macs / bytes;
    }
}
