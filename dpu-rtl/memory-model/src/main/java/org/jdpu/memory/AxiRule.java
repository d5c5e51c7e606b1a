package org.jdpu.memory;

/**
 * The rules {@link AxiChecker} enforces, each with the code it reports on {@code error_code}.
 * When several are broken in the same cycle the lowest code is reported; the first cycle with a
 * violation is the one recorded (the error is sticky until reset).
 */
public enum AxiRule {
    AW_UNSTABLE(1, "AW payload (id, addr, len, size, burst) changed, or awvalid dropped, while awvalid was high and awready low"),
    W_UNSTABLE(2, "W payload (wdata, wstrb, wlast) changed, or wvalid dropped, while wvalid was high and wready low"),
    B_UNSTABLE(3, "B payload (bid, bresp) changed, or bvalid dropped, while bvalid was high and bready low"),
    AR_UNSTABLE(4, "AR payload (id, addr, len, size, burst) changed, or arvalid dropped, while arvalid was high and arready low"),
    R_UNSTABLE(5, "R payload (rid, rdata, rresp, rlast) changed, or rvalid dropped, while rvalid was high and rready low"),
    AW_SIZE_TOO_WIDE(6, "an AW burst's beat size exceeds the data bus"),
    AR_SIZE_TOO_WIDE(7, "an AR burst's beat size exceeds the data bus"),
    AW_CROSSES_4K(8, "an INCR write burst crosses a 4 KiB boundary"),
    AR_CROSSES_4K(9, "an INCR read burst crosses a 4 KiB boundary"),
    W_WITHOUT_AW(10, "a W beat whose burst has no AW handshake yet (or in the same cycle): more W beats than the bursts announced"),
    WLAST_WRONG(11, "wlast is high on a beat that is not its burst's last (len + 1), or low on the last"),
    B_WITHOUT_WRITE(12, "a B response while no write burst has completed its data and awaits its response"),
    B_ID_MISMATCH(13, "a B response whose bid matches no completed write burst awaiting its response"),
    R_WITHOUT_READ(14, "an R beat while no read burst is outstanding"),
    R_ID_MISMATCH(15, "an R beat whose rid matches no outstanding read burst"),
    RLAST_WRONG(16, "rlast is high on a beat that is not its burst's last (len + 1), or low on the last"),
    WRITE_OUTSIDE_WINDOW(17, "a W beat with a strobe set on a byte outside every enabled write window"),
    READS_OUTSTANDING(18, "more read bursts in flight (AR taken, last R beat not yet) than AxiConfig.outstanding"),
    WRITES_OUTSTANDING(19, "more write bursts in flight (AW taken, B not yet) than AxiConfig.outstanding");

    /** Width of the {@code error_code} port. */
    public static final int CODE_BITS = 8;

    private final int code;
    private final String description;

    AxiRule(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The value of {@code error_code} for this rule (0 means no violation). */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The rule reported as {@code code}; an exception for 0 or an unknown code. */
    public static AxiRule ofCode(int code) {
        for (AxiRule r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("no AXI rule has code " + code);
    }
}
