package org.segprune.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Ranks with ties sharing their average rank (R's {@code rank}, ties.method "average"). */
final class Ranks {

    private Ranks() {
    }

    /** 1-based ranks of values, ties averaged. */
    static double[] average(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Sum over groups of tied values of t^3 - t (t = group size): 0 when there are no ties. */
    static double tieTerm(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double term = 0;
        int start = 0;
        while (start < sorted.length) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            term += t * t * t - t;
            start = end + 1;
        }
        return term;
    }
}
