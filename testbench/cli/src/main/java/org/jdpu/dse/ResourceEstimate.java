package org.jdpu.dse;

/** Fabric resources of one configuration: LUTs, flip-flops, DSP48E2 slices, 36 Kb block RAMs, URAM288. */
public record ResourceEstimate(long luts, long ffs, long dsps, double bram36, long uram) {}
