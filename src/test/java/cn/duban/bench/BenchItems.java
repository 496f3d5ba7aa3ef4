package cn.duban.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemService;
import cn.duban.system.security.CamundaIdentityAuthenticationProvider;
import cn.duban.system.security.DubanUser;

/**
 * The real items that set-ups copy: issued as the office issues them ({@code ItemService.issue}, the item rules, the
 * code counter, the same BPMN, delegates, read model and ladder), a past deadline allowed.
 */
final class BenchItems {

  private BenchItems() {
  }

  static DubanUser user(Variant variant, String id) {
    return variant.bean(CamundaIdentityAuthenticationProvider.class).load(id);
  }

  /** Issues an item; its process instance id ({@link #code} gives the code duban gave it). */
  static String start(Variant variant, DubanUser office, String title, String unit, String assignee, String deadline) {
    String code = variant.bean(ItemService.class).issue(new ItemDraft("基准事项 " + title, "按要求完成并报送情况", unit,
        assignee, List.of(), BenchBureau.LEADER, deadline, null, null), office, true);
    return variant.jdbc.queryForObject("select process_instance_id from duban.item where code = ?", String.class, code);
  }

  /** The code of the item whose process is {@code processInstanceId}. */
  static String code(Variant variant, String processInstanceId) {
    return variant.jdbc.queryForObject("select code from duban.item where process_instance_id = ?", String.class,
        processInstanceId);
  }

  /** Runs {@code work} for 0 … count-1 on {@code threads} threads and waits for all. */
  static void parallel(int count, int threads, IntConsumer work) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          for (int i = first; i < count; i += threads) {
            work.accept(i);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("bench set-up failed", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
