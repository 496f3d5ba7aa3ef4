package cn.duban.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of measured durations in milliseconds (nearest rank). */
record Stats(int count, double p50, double p95, double max) {

  static Stats of(Collection<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), sorted[sorted.length - 1]);
  }

  static Stats ofArray(double[] millis) {
    return of(Arrays.stream(millis).boxed().toList());
  }

  private static double rank(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
