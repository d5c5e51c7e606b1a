package org.jdpu.hdl.ir;

/**
 * A clock and its synchronous, active-high reset, named by the ports that carry them. Every
 * register and memory belongs to one domain. {@link #DEFAULT} ({@code clk}, {@code rst}, the
 * names the simulation bridge drives) is what a module uses unless it says otherwise.
 *
 * <p>Domains with the same {@link #root()} are <em>related</em>: their clocks come from one
 * source, are synchronous and edge-aligned (a 2x clock whose every other rising edge is a rising
 * edge of the 1x clock), so a signal may pass between them directly, with the faster clock's
 * period as its timing budget. Any other crossing needs a synchroniser (see
 * {@code org.jdpu.hdl.lib.Synchronizer}); the elaboration checks reject it.
 *
 * @param clock the clock port's name
 * @param reset the reset port's name (only emitted when a register of the domain has a reset)
 * @param root  the clock this one is derived from, or null for an independent clock
 * @param ratio how many rising edges this clock has per rising edge of its root (1 for a root)
 */
public record ClockDomain(String clock, String reset, String root, int ratio) {

    public static final ClockDomain DEFAULT = new ClockDomain("clk", "rst");

    public ClockDomain {
        if (clock == null || clock.isBlank() || reset == null || reset.isBlank()) {
            throw new IllegalArgumentException("a clock domain needs a clock and a reset name");
        }
        if (clock.equals(reset)) {
            throw new IllegalArgumentException("clock and reset of a domain need different names, both are '" + clock + "'");
        }
        if (ratio < 1 || (root == null) != (ratio == 1)) {
            throw new IllegalArgumentException("a derived clock runs a whole number of times (>= 2) faster than its root, got "
                    + ratio + " for " + clock);
        }
    }

    /** An independent clock: not related to any other, crossings into or out of it need a synchroniser. */
    public ClockDomain(String clock, String reset) {
        this(clock, reset, null, 1);
    }

    /**
     * A clock {@code ratio} times as fast as this one, synchronous and edge-aligned with it (and
     * with everything this one is related to), with its own clock and reset ports.
     */
    public ClockDomain related(String clock, String reset, int ratio) {
        if (ratio < 2) {
            throw new IllegalArgumentException("a related clock runs at least twice as fast, got ratio " + ratio);
        }
        return new ClockDomain(clock, reset, rootClock(), this.ratio * ratio);
    }

    /** The name of the clock every related domain derives from (this one's clock for a root). */
    public String rootClock() {
        return root == null ? clock : root;
    }

    /** Whether signals may pass between the two domains without a synchroniser. */
    public boolean relatedTo(ClockDomain other) {
        return rootClock().equals(other.rootClock());
    }

    /** How messages name the domain: its clock, and for a derived one its ratio to the root. */
    public String describe() {
        return root == null ? clock : clock + " (" + ratio + "x " + root + ")";
    }
}
