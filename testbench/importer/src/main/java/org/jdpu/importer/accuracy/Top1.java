package org.jdpu.importer.accuracy;

import org.jdpu.dataset.LabelledImages;

import java.util.Locale;

/** How many of {@code total} predictions named the labelled class. */
public record Top1(int correct, int total) {
    public Top1 {
        if (total < 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException(correct + " correct of " + total);
        }
    }

    /** The predictions {@code predicted[i]} for the first {@code predicted.length} images of {@code images}. */
    public static Top1 of(int[] predicted, LabelledImages images) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == images.label(i)) correct++;
        }
        return new Top1(correct, predicted.length);
    }

    public double fraction() {
        return total == 0 ? 0 : (double) correct / total;
    }

    /** The fraction with four decimals, as the ACCURACY line prints it. */
    public String format() {
        return String.format(Locale.ROOT, "%.4f", fraction());
    }

    /** The index of the largest value, the first on a tie. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) best = i;
        }
        return best;
    }
}
