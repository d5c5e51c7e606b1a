package org.jdpu.dse;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.jdpu.arch.DpuConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Fabric resources of a configuration without synthesizing it. DSPs are exact
 * ({@link DpuConfig#peMultipliers()}: the mapping checks make every multiply a DSP48E2), block RAM
 * exact from the buffers' shapes ({@link BlockRamModel}), no URAM (Yosys infers none unless asked).
 * LUTs and FFs of the core are a least-squares fit (Apache Commons Math OLS) on measured syntheses
 * of {@code dpu_core}, linear in the quantities that build the datapath: the multipliers (each
 * with its share of an adder tree), the PP x OCP output lanes (accumulators, post-processing), the
 * packed multipliers' pre-adds and the double-rate multipliers' 2x pipelines. The network engine
 * around the core ({@code dpu_top}) adds a constant: the mean measured difference.
 */
public final class ResourceModel {
    private final double[] lutBeta, ffBeta;
    private final double engineLuts, engineFfs;
    private final int fitSamples;

    private ResourceModel(double[] lutBeta, double[] ffBeta, double engineLuts, double engineFfs, int fitSamples) {
        this.lutBeta = lutBeta;
        this.ffBeta = ffBeta;
        this.engineLuts = engineLuts;
        this.engineFfs = engineFfs;
        this.fitSamples = fitSamples;
    }

    /** The model fitted on the committed sample. */
    public static ResourceModel committed() {
        return fit(SynthSample.committed());
    }

    /** Fits on the {@code fit} rows of {@code samples}; the {@code holdout} rows are left for {@link #validate}. */
    public static ResourceModel fit(List<SynthSample> samples) {
        return fit(samples, s -> s.fit());
    }

    private static ResourceModel fit(List<SynthSample> samples, java.util.function.Predicate<SynthSample> use) {
        List<SynthSample> core = samples.stream().filter(s -> s.top().equals(SynthSample.CORE) && use.test(s)).toList();
        if (core.size() <= features(DpuConfig.of(1, 1, 1)).length + 1) {
            throw new IllegalArgumentException("the LUT/FF fit needs more than " + (features(DpuConfig.of(1, 1, 1)).length + 1)
                    + " dpu_core samples, got " + core.size());
        }
        double[][] x = new double[core.size()][];
        double[] luts = new double[core.size()], ffs = new double[core.size()];
        for (int i = 0; i < core.size(); i++) {
            x[i] = features(core.get(i).config());
            luts[i] = core.get(i).luts();
            ffs[i] = core.get(i).ffs();
        }
        double[] engine = engineOverhead(samples);
        return new ResourceModel(regress(x, luts), regress(x, ffs), engine[0], engine[1], core.size());
    }

    private static double[] regress(double[][] x, double[] y) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        return ols.estimateRegressionParameters();
    }

    /** The regressors of {@code c}; the intercept is the fit's own. */
    static double[] features(DpuConfig c) {
        double macs = c.macsPerCycle();
        return new double[]{macs, c.pp() * c.ocp(), c.dspPacking() ? macs : 0, c.doubleRate() ? c.peMultipliers() : 0};
    }

    /** Mean LUTs and FFs {@code dpu_top} adds over {@code dpu_core}, over the architectures measured both ways. */
    private static double[] engineOverhead(List<SynthSample> samples) {
        double luts = 0, ffs = 0;
        int n = 0;
        for (SynthSample top : samples) {
            if (!top.top().equals(SynthSample.ENGINE)) continue;
            for (SynthSample core : samples) {
                if (core.top().equals(SynthSample.CORE) && core.config().equals(top.config())) {
                    luts += top.luts() - core.luts();
                    ffs += top.ffs() - core.ffs();
                    n++;
                    break;
                }
            }
        }
        return n == 0 ? new double[]{0, 0} : new double[]{luts / n, ffs / n};
    }

    /** The network engine's resources on {@code c} ({@code dpu_top}). */
    public ResourceEstimate estimate(DpuConfig c) {
        ResourceEstimate core = core(c);
        return new ResourceEstimate(Math.round(core.luts() + engineLuts), Math.round(core.ffs() + engineFfs), core.dsps(),
                core.bram36(), 0);
    }

    /** The convolution core's resources on {@code c} ({@code dpu_core}). */
    public ResourceEstimate core(DpuConfig c) {
        double[] f = features(c);
        return new ResourceEstimate(Math.round(apply(lutBeta, f)), Math.round(apply(ffBeta, f)), c.peMultipliers(),
                BlockRamModel.bram36(c), 0);
    }

    private static double apply(double[] beta, double[] f) {
        double v = beta[0];
        for (int i = 0; i < f.length; i++) v += beta[i + 1] * f[i];
        return Math.max(0, v);
    }

    /** dpu_core samples the LUT and FF fit used. */
    public int fitSamples() {
        return fitSamples;
    }

    /**
     * The model's error on samples it was not fitted on: the {@code holdout} rows, each estimated
     * by the model fitted on the {@code fit} rows, and every {@code fit} row estimated by the model
     * fitted on the others (leave-one-out).
     */
    public static Validation validate(List<SynthSample> samples) {
        ResourceModel m = fit(samples);
        List<Residual> heldOut = new ArrayList<>(), loo = new ArrayList<>();
        for (SynthSample s : samples) {
            if (!s.top().equals(SynthSample.CORE)) continue;
            if (!s.fit()) {
                heldOut.add(Residual.of(s, m.core(s.config())));
            } else {
                ResourceModel without = fit(samples, o -> o.fit() && o != s);
                loo.add(Residual.of(s, without.core(s.config())));
            }
        }
        return new Validation(m.fitSamples, heldOut, loo);
    }

    /** A sample's measured and estimated LUTs and FFs. */
    public record Residual(SynthSample sample, ResourceEstimate estimate) {
        static Residual of(SynthSample s, ResourceEstimate e) {
            return new Residual(s, e);
        }

        public double lutError() {
            return (estimate.luts() - sample.luts()) / (double) sample.luts();
        }

        public double ffError() {
            return (estimate.ffs() - sample.ffs()) / (double) sample.ffs();
        }

        public boolean bramExact() {
            return estimate.bram36() == sample.bram36();
        }

        public boolean dspExact() {
            return estimate.dsps() == sample.dsps();
        }
    }

    /** Errors of the model on held-out samples and leave-one-out on the fitted ones. */
    public record Validation(int fitSamples, List<Residual> heldOut, List<Residual> leaveOneOut) {
        public static double meanAbs(List<Residual> r, java.util.function.ToDoubleFunction<Residual> e) {
            return r.stream().mapToDouble(x -> Math.abs(e.applyAsDouble(x))).average().orElse(Double.NaN);
        }

        public static double maxAbs(List<Residual> r, java.util.function.ToDoubleFunction<Residual> e) {
            return r.stream().mapToDouble(x -> Math.abs(e.applyAsDouble(x))).max().orElse(Double.NaN);
        }

        /** One line: held-out mean/max LUT and FF error, and leave-one-out's. */
        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "LUT/FF fit on %d dpu_core syntheses; held out (%d): LUT mean %.1f%% max %.1f%%, FF mean %.1f%% max %.1f%%; "
                            + "leave-one-out (%d): LUT mean %.1f%%, FF mean %.1f%%",
                    fitSamples, heldOut.size(), 100 * meanAbs(heldOut, Residual::lutError), 100 * maxAbs(heldOut, Residual::lutError),
                    100 * meanAbs(heldOut, Residual::ffError), 100 * maxAbs(heldOut, Residual::ffError),
                    leaveOneOut.size(), 100 * meanAbs(leaveOneOut, Residual::lutError), 100 * meanAbs(leaveOneOut, Residual::ffError));
        }
    }
}
