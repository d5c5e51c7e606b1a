package org.jdpu.regress;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.MultiplierLayers;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.cases.RandomMixedNetworks;
import org.jdpu.cases.RandomOperatorNetworks;
import org.jdpu.cases.RandomNetworks;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.Cosim;
import org.jdpu.cosim.CosimResult;
import org.jdpu.cosim.EngineModels;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.runtime.EngineHangException;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;

import java.util.Locale;
import java.util.function.Function;

/**
 * Runs regression cases one at a time and turns each outcome into a {@link CaseResult}. A layer
 * runs on the convolution core's debug port (bit-exact against the golden model, every run's
 * cycles against the cycle model); a network runs on the network engine from one START (every
 * layer against the golden model and the instruction-set simulator; off stress, the cycles against
 * the whole-program cycle model). A configuration beyond which the seed's draw does not fit is a
 * skip; a hang, a fault or a mismatch is a failure; any other exception is an error of that case,
 * so one broken case does not stop a long shard.
 *
 * <p>Cases come grouped by configuration ({@link RegressPlan#cases()}, and a shard keeps the
 * order), so one core session is kept open at a time and replaced when the configuration changes.
 */
public final class RegressRunner implements AutoCloseable {
    private final Function<DpuConfig, EngineSession> open;
    private EngineSession session;
    private DpuConfig sessionConfig;

    /** @param open opens a Verilated core for a configuration (e.g. {@link EngineModels#open(DpuConfig)}) */
    public RegressRunner(Function<DpuConfig, EngineSession> open) {
        this.open = open;
    }

    public RegressRunner() {
        this(EngineModels::open);
    }

    public CaseResult run(RegressCase c) {
        long t0 = System.nanoTime();
        String drawn = "";
        CaseResult.Status status;
        String message;
        long cycles = 0;
        try {
            DpuConfig config = DpuConfig.parse(c.arch());
            switch (c.kind()) {
                case LAYER -> {
                    // On a +tflite engine every other layer is in TFLite's multiplier mode (zero points drawn, a third extreme).
                    LayerCase lc = config.tflite() && Math.floorMod(c.seed(), 2L) == 1 ? MultiplierLayers.random(c.seed())
                            : RandomConvLayers.draw(c.seed());
                    drawn = lc.name();
                    CosimResult r = Cosim.run(session(config), lc.name(), lc.origin(), lc.spec(), lc.operands(),
                            Compiler.compile(config, lc.spec(), lc.operands().input(), lc.operands().weights(),
                                    lc.operands().bias()), Progress.NONE);
                    cycles = r.run().computeCycles();
                    status = r.passed() ? CaseResult.Status.PASSED : CaseResult.Status.FAILED;
                    message = r.passed() ? String.format(Locale.ROOT, "cycles=%d utilization=%.3f", cycles,
                            r.run().utilization()) : r.failure();
                }
                case NETWORK -> {
                    // The seed alone says which: 2 and 3 mod 5 draw graphs (branches, a concat, two outputs), 1 mod 5
                    // chains with pools and residual adds, 4 mod 5 chains mixing every operator (depthwise, upsample,
                    // pools, adds, global pool, dense), 0 mod 5 convolution chains.
                    long kind = Math.floorMod(c.seed(), 5L);
                    boolean graph = kind == 2 || kind == 3;
                    RandomNetworks net = switch ((int) kind) {
                        case 2, 3 -> RandomNetworks.drawGraph(c.seed(), NetworkCompiler.concatChannelGroup(config));
                        case 1 -> RandomOperatorNetworks.draw(c.seed());
                        // On a +tflite engine, every other one in TFLite's multiplier mode.
                        case 4 -> config.tflite() && Math.floorMod(c.seed() / 5, 2L) == 1 ? RandomMixedNetworks.drawTflite(c.seed())
                                : RandomMixedNetworks.draw(c.seed());
                        default -> RandomNetworks.draw(c.seed());
                    };
                    drawn = net.spec().layers().size() + " layers" + switch ((int) kind) {
                        case 2, 3 -> ", graph";
                        case 1 -> ", pools and adds";
                        case 4 -> config.tflite() && Math.floorMod(c.seed() / 5, 2L) == 1 ? ", every operator, multiplier mode"
                                : ", every operator";
                        default -> "";
                    };
                    NetCosim.Options o = c.stress() ? NetCosim.Options.defaults().withStress(c.seed())
                            : NetCosim.Options.defaults();
                    NetCosimResult r = NetCosim.run(config, AxiConfig.DEFAULT, net.spec(), net.input(),
                            LayerTensors.of(net.operands()), o, null);
                    cycles = r.run().cycles();
                    // Stress changes the cycles on purpose; the model predicts the deterministic DDR.
                    boolean modelled = c.stress() || r.predictedCycles() == cycles;
                    status = r.passed() && modelled ? CaseResult.Status.PASSED : CaseResult.Status.FAILED;
                    message = !r.passed() ? (r.mismatches().isEmpty() ? r.resultLine() : r.mismatches().getFirst().toString())
                            : !modelled ? "cycles " + cycles + " but the model predicts " + r.predictedCycles()
                            : r.resultLine();
                }
                default -> throw new IllegalStateException(c.kind().toString());
            }
        } catch (UnsupportedByEngineException e) {
            status = CaseResult.Status.SKIPPED;
            message = e.getMessage();
        } catch (EngineHangException e) {
            status = CaseResult.Status.FAILED;
            message = e.getMessage();
            closeSession();
        } catch (RuntimeException e) {
            status = CaseResult.Status.ERROR;
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            closeSession();
        }
        return new CaseResult(c, status, drawn, message, cycles, (System.nanoTime() - t0) / 1e9);
    }

    /** The core session for {@code config}, opened when the configuration changes. */
    private EngineSession session(DpuConfig config) {
        if (session == null || !config.equals(sessionConfig)) {
            closeSession();
            session = open.apply(config);
            sessionConfig = config;
        }
        return session;
    }

    /** After a hang or an exception the session's state is unknown: the next case opens a fresh one. */
    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
            sessionConfig = null;
        }
    }

    @Override
    public void close() {
        closeSession();
    }
}
