package org.jdpu.dse;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.PoolDivisor;

import java.util.ArrayList;
import java.util.List;

/**
 * Fabric resources of a network engine ({@code dpu_top}) configuration without synthesizing it.
 * DSPs are exact ({@link #dsps}: the mapping checks make every multiply a DSP48E2), block RAM
 * exact from the buffers' shapes ({@link BlockRamModel}), no URAM (Yosys infers none unless asked).
 * LUTs and FFs are a least-squares fit (Apache Commons Math OLS) on measured syntheses of
 * {@code dpu_top}, linear in the quantities that build the datapath: the multipliers (each with
 * its share of an adder tree), the OCP output columns (post-processing, partial sums, SAVE
 * path), the pool unit's PP x min(ICP, OCP) reducers, the packed multipliers' pre-adds, the
 * double-rate multipliers' 2x pipelines and the {@code +tflite} requantisers (one per column).
 */
public final class ResourceModel {
    private final double[] lutBeta, ffBeta;
    private final int fitSamples;

    private ResourceModel(double[] lutBeta, double[] ffBeta, int fitSamples) {
        this.lutBeta = lutBeta;
        this.ffBeta = ffBeta;
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
        List<SynthSample> rows = samples.stream().filter(use).toList();
        for (SynthSample r : rows) {
            if (!r.top().equals(SynthSample.ENGINE)) {
                throw new IllegalArgumentException("the LUT/FF fit takes syntheses of " + SynthSample.ENGINE + " only, got " + r.csv());
            }
        }
        int params = features(DpuConfig.of(1, 1, 1)).length + 1;
        if (rows.size() <= params) {
            throw new IllegalArgumentException("the LUT/FF fit needs more than " + params + " syntheses, got " + rows.size());
        }
        double[][] x = new double[rows.size()][];
        double[] luts = new double[rows.size()], ffs = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            SynthSample r = rows.get(i);
            x[i] = features(r.config());
            luts[i] = r.luts();
            ffs[i] = r.ffs();
        }
        return new ResourceModel(regress(x, luts), regress(x, ffs), rows.size());
    }

    private static double[] regress(double[][] x, double[] y) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        return ols.estimateRegressionParameters();
    }

    /** The regressors of {@code c}; the intercept (the engine's control, fetch, queues and DMA) is the fit's own. */
    static double[] features(DpuConfig c) {
        double macs = c.macsPerCycle();
        return new double[]{macs, c.ocp(), c.pp() * PoolDivisor.pooledChannels(c), c.dspPacking() ? macs : 0,
                c.doubleRate() ? c.peMultipliers() : 0, c.tflite() ? c.ocp() : 0};
    }

    /**
     * DSP48E2s of a {@code +tflite} requantiser: its 32 x 31-bit product tiled on 27 x 18 multipliers
     * (measured: 4 per column on every {@code +tflite} synthesis of the sample).
     */
    static final int TFLITE_DSPS_PER_COLUMN = 4;

    /**
     * DSPs of {@code c}: the grid's multipliers, the pool unit's average multiplies (one per pooled
     * channel, shared by the lanes) and the {@code +tflite} requantisers' products.
     */
    public static long dsps(DpuConfig c) {
        return c.peMultipliers() + PoolDivisor.pooledChannels(c) + (c.tflite() ? (long) TFLITE_DSPS_PER_COLUMN * c.ocp() : 0);
    }

    /** The network engine's resources on {@code c} ({@code dpu_top}). */
    public ResourceEstimate estimate(DpuConfig c) {
        double[] f = features(c);
        return new ResourceEstimate(Math.round(apply(lutBeta, f)), Math.round(apply(ffBeta, f)), dsps(c),
                BlockRamModel.bram36(c), 0);
    }

    /** The estimate of {@code s}'s design. */
    public ResourceEstimate of(SynthSample s) {
        return estimate(s.config());
    }

    private static double apply(double[] beta, double[] f) {
        double v = beta[0];
        for (int i = 0; i < f.length; i++) v += beta[i + 1] * f[i];
        return Math.max(0, v);
    }

    /** Syntheses the LUT and FF fit used. */
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
            if (!s.fit()) {
                heldOut.add(Residual.of(s, m.of(s)));
            } else {
                ResourceModel without = fit(samples, o -> o.fit() && o != s);
                loo.add(Residual.of(s, without.of(s)));
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

        /** One line: held-out mean/max LUT and FF error, leave-one-out's, and how many DSP and BRAM36 counts are exact. */
        public String summary() {
            List<Residual> all = new ArrayList<>(heldOut);
            all.addAll(leaveOneOut);
            return String.format(java.util.Locale.ROOT,
                    "LUT/FF fit on %d syntheses; held out (%d): LUT mean %.1f%% max %.1f%%, FF mean %.1f%% max %.1f%%; "
                            + "leave-one-out (%d): LUT mean %.1f%% max %.1f%%, FF mean %.1f%% max %.1f%%; DSP exact on %d of %d, BRAM36 on %d of %d",
                    fitSamples, heldOut.size(), 100 * meanAbs(heldOut, Residual::lutError), 100 * maxAbs(heldOut, Residual::lutError),
                    100 * meanAbs(heldOut, Residual::ffError), 100 * maxAbs(heldOut, Residual::ffError),
                    leaveOneOut.size(), 100 * meanAbs(leaveOneOut, Residual::lutError), 100 * maxAbs(leaveOneOut, Residual::lutError),
                    100 * meanAbs(leaveOneOut, Residual::ffError), 100 * maxAbs(leaveOneOut, Residual::ffError),
                    all.stream().filter(Residual::dspExact).count(), all.size(), all.stream().filter(Residual::bramExact).count(), all.size());
        }
    }
}
