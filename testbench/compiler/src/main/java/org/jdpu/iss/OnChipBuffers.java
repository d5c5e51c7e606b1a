package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.Register;
import org.jdpu.compiler.LoadSink;

import java.util.Arrays;

/**
 * The core's state between instructions: its buffers in the configuration's shapes and its
 * descriptor registers, all zero at first (as after reset).
 *
 * <ul>
 *   <li>activations: {@code actBanks} banks of {@code actBankDepth} words of ICP bytes, kept as one
 *       array by slot (slot {@code L} is bank {@code L mod actBanks}, address {@code L / actBanks});</li>
 *   <li>weights: OCP banks of {@code weightBankDepth} words of ICP bytes;</li>
 *   <li>bias: OCP banks of {@code biasDepth} int32 (with {@code +tflite} {@code biasLoadDepth}: the
 *       multipliers and shifts follow the biases, as the load port addresses them);</li>
 *   <li>output: {@code outputDepth} words of OCP bytes (channel o in byte o);</li>
 *   <li>partial sums: OCP banks of {@code psumDepth} int32 (PSUM_MODE);</li>
 *   <li>registers: every writable {@link Register} (table entries by address), holding the value
 *       the register file holds: the low {@code width} bits of the write, sign-extended for signed
 *       registers (as {@code RegisterFile} loads {@code reg_wdata[w-1:0]}).</li>
 * </ul>
 */
public final class OnChipBuffers {
    private final DpuConfig config;
    private final EngineWidths widths;
    private final byte[] activations;
    private final byte[][] weights;
    private final int[][] bias;
    private final byte[] output;
    private final int[][] psums;
    private final long[] registers = new long[1 << Register.ADDRESS_BITS];
    private static final Register[] WRITABLE = writableByAddress();

    public OnChipBuffers(DpuConfig c) {
        this.config = c;
        this.widths = EngineWidths.of(c);
        activations = new byte[Math.toIntExact(c.actCapacityWords() * c.icp())];
        weights = new byte[c.ocp()][Math.multiplyExact(c.weightBankDepth(), c.icp())];
        bias = new int[c.ocp()][c.biasLoadDepth()];
        output = new byte[Math.multiplyExact(c.outputDepth(), c.ocp())];
        psums = new int[c.ocp()][c.psumDepth()];
    }

    public DpuConfig config() {
        return config;
    }

    public EngineWidths widths() {
        return widths;
    }

    // ---- registers

    /**
     * The register a CONFIG may write at {@code address}: a {@link Register} with access WRITE other
     * than CTRL (table registers at each of their entry addresses), or null.
     */
    public static Register writable(int address) {
        return address >= 0 && address < WRITABLE.length ? WRITABLE[address] : null;
    }

    private static Register[] writableByAddress() {
        Register[] byAddress = new Register[1 << Register.ADDRESS_BITS];
        for (Register r : Register.values()) {
            if (r.access() != Register.Access.WRITE || r == Register.CTRL) continue;
            for (int i = 0; i < r.tableSize(); i++) byAddress[r.address(i)] = r;
        }
        return byAddress;
    }

    /**
     * Writes {@code wdata} to the register at {@code address}: its low bits, sign-extended for a
     * signed register.
     *
     * @throws IllegalArgumentException if the address is not a writable descriptor register
     */
    public void writeRegister(int address, long wdata) {
        Register r = writable(address);
        if (r == null) throw new IllegalArgumentException("no writable descriptor register at 0x" + Integer.toHexString(address));
        int w = r.width(widths);
        long bits = wdata & ((1L << w) - 1);
        registers[address] = r.signed() && (bits >>> (w - 1)) != 0 ? bits - (1L << w) : bits;
    }

    /** A scalar register's value (signed registers sign-interpreted). */
    public long register(Register r) {
        return register(r, 0);
    }

    /** Entry {@code i} of a register. */
    public long register(Register r, int i) {
        return registers[r.address(i)];
    }

    // ---- load port

    /**
     * One load-port word: {@code element} (ICP bytes for activations and weights, 4 little-endian
     * bytes for a bias) into buffer {@code target}, bank and address. The caller checks ranges.
     */
    public void load(LoadTarget target, int bank, int address, byte[] element, int from) {
        int icp = config.icp();
        switch (target) {
            case ACTIVATIONS -> System.arraycopy(element, from, activations,
                    (address * config.actBanks() + bank) * icp, icp);
            case WEIGHTS -> System.arraycopy(element, from, weights[bank], address * icp, icp);
            case BIAS -> bias[bank][address] = (element[from] & 0xFF) | (element[from + 1] & 0xFF) << 8
                    | (element[from + 2] & 0xFF) << 16 | element[from + 3] << 24;
        }
    }

    /**
     * A sink for the compiler's load words ({@link org.jdpu.compiler.Program#loads}) that writes them
     * here, as the core's load port would.
     */
    public LoadSink loadSink() {
        byte[] word = new byte[Math.max(config.icp(), 4)];
        return (select, bank, address, limbs) -> {
            for (int i = 0; i < word.length; i++) word[i] = (byte) (limbs[i >>> 3] >>> ((i & 7) << 3));
            load(LoadTarget.values()[select], bank, address, word, 0);
        };
    }

    // ---- what CONV reads and writes

    /** Byte {@code i} of the activation word at slot {@code slot} (0 <= slot < capacity). */
    byte activation(long slot, int i) {
        return activations[(int) slot * config.icp() + i];
    }

    /** The activation array (slot-major, ICP bytes per slot) for the core's inner loop. */
    byte[] activationArray() {
        return activations;
    }

    /** The weight bank of column {@code o} (address-major, ICP bytes per word). */
    byte[] weightBank(int o) {
        return weights[o];
    }

    /** A copy of the ICP bytes of weight bank {@code o}, address {@code address}. */
    public byte[] weightWord(int o, int address) {
        return Arrays.copyOfRange(weights[o], address * config.icp(), (address + 1) * config.icp());
    }

    /** A copy of the ICP bytes of the activation word in bank {@code bank}, address {@code address}. */
    public byte[] activationWord(int bank, int address) {
        int from = (address * config.actBanks() + bank) * config.icp();
        return Arrays.copyOfRange(activations, from, from + config.icp());
    }

    /** The multiplier of column {@code o} at {@code address} ({@code +tflite}), as its 31-bit RAM keeps it. */
    public int multiplier(int o, int address) {
        return bias[o][DpuConfig.BIAS_QUARTER_MULTIPLIER * config.biasDepth() + address] & 0x7FFFFFFF;
    }

    /** The shift of column {@code o} at {@code address} ({@code +tflite}), as its 6-bit signed RAM keeps it. */
    public int shift(int o, int address) {
        int bits = PostProcessing.MULTIPLIER_SHIFT_WIDTH;
        return bias[o][DpuConfig.BIAS_QUARTER_SHIFT * config.biasDepth() + address] << (32 - bits) >> (32 - bits);
    }

    /** The bias of column {@code o} at {@code address}. */
    public int bias(int o, int address) {
        return bias[o][address];
    }

    /** A copy of output word {@code address} (OCP bytes, channel o in byte o). */
    public byte[] outputWord(int address) {
        return Arrays.copyOfRange(output, address * config.ocp(), (address + 1) * config.ocp());
    }

    /** The partial-sum bank of column {@code o}, indexed by the order its sums leave the grid. */
    int[] psumBank(int o) {
        return psums[o];
    }

    /** The output buffer (word-major, OCP bytes per word): what the core writes and SAVE reads. */
    byte[] outputArray() {
        return output;
    }
}
