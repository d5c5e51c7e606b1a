package org.jdpu.sim;

/** Waveform format a model is built to write: none, VCD ({@code --trace}) or FST ({@code --trace-fst}). */
public enum Trace {
    NONE, VCD, FST
}
