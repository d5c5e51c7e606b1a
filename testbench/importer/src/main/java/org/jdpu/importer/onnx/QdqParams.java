package org.jdpu.importer.onnx;

/**
 * The parameters of an ONNX {@code QuantizeLinear}/{@code DequantizeLinear}: {@code real = (q -
 * zeroPoint) * scale}, per tensor (one scale) or per channel along {@code axis}; {@code unsigned}
 * for uint8 integers.
 */
record QdqParams(float[] scales, long[] zeroPoints, int axis, boolean unsigned) {

    boolean perTensor() {
        return scales.length == 1;
    }

    float scale(int channel) {
        return scales[perTensor() ? 0 : channel];
    }

    long zeroPoint(int channel) {
        return zeroPoints[zeroPoints.length == 1 ? 0 : channel];
    }

    /** The per-tensor zero point as the network's int8 holds it (uint8 values move by -128). */
    int networkZeroPoint() {
        return (int) zeroPoints[0] - (unsigned ? 128 : 0);
    }

    /** Equal per-tensor scale and zero point (the type may differ when both describe the same real values). */
    boolean sameAs(QdqParams o) {
        return perTensor() && o.perTensor() && scales[0] == o.scales[0] && networkZeroPoint() == o.networkZeroPoint();
    }

    /** The scale's power-of-two fix point ({@code scale = 2^-fp}), or null when the scale is not a power of two. */
    static Integer fixPoint(double scale) {
        if (!(scale > 0)) return null;
        int e = Math.getExponent(scale);
        return Math.scalb(1.0, e) == scale ? -e : null;
    }

    @Override
    public String toString() {
        return perTensor() ? "scale " + scales[0] + " zero point " + zeroPoints[0] : scales.length + " channel scales";
    }
}
