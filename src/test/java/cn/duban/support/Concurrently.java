package cn.duban.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Races: several calls released at the same moment, each on a thread of its own. */
public final class Concurrently {

  private Concurrently() {
  }

  /** Runs {@code call(0)} … {@code call(n - 1)} at once and returns their results in that order. */
  public static <T> List<T> run(int n, IntFunction<T> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> running = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        running.add(threads.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return call.apply(index);
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : running) {
        results.add(result.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
