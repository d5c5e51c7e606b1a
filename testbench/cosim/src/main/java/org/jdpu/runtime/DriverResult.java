package org.jdpu.runtime;

import org.jdpu.compiler.Lowering;

import org.jdpu.tensor.Int8Tensor;

import java.util.List;

/**
 * What running one layer on the engine produced.
 *
 * @param output          the assembled output tensor [1, OH, OW, OC]
 * @param computeCycles   the sum of the CYCLES register over all runs (start to last output write)
 * @param totalCycles     every clock edge the layer took: register writes, loads, runs, read-back
 * @param predictedTotalCycles the cycle model's total ({@link org.jdpu.compiler.Program#predictedTotalCycles})
 * @param idealCycles     MACs of the layer as written / (PP * ICP * OCP)
 * @param runCycles       CYCLES of each run
 * @param predictedCycles the cycle model's prediction for each run (of the lowered layer)
 * @param lowering        how the layer was mapped onto the engine
 */
public record DriverResult(Int8Tensor output, long computeCycles, long totalCycles, long predictedTotalCycles,
                           double idealCycles,
                           List<Long> runCycles, List<Long> predictedCycles, Lowering lowering) {

    public DriverResult {
        runCycles = List.copyOf(runCycles);
        predictedCycles = List.copyOf(predictedCycles);
    }

    /** MAC utilisation of the compute cycles: ideal / compute. */
    public double utilization() {
        return idealCycles / computeCycles;
    }

    public long predictedComputeCycles() {
        return predictedCycles.stream().mapToLong(Long::longValue).sum();
    }

    /** Index of the first run whose cycles differ from the prediction, or -1. */
    public int firstCycleMismatch() {
        for (int i = 0; i < runCycles.size(); i++) {
            if (!runCycles.get(i).equals(predictedCycles.get(i))) return i;
        }
        return -1;
    }
}
