package cn.duban.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;

import cn.duban.item.ItemProcess;
import cn.duban.system.security.CamundaIdentityAuthenticationProvider;
import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;

/**
 * Starts item processes cheaply for set-ups: straight through the engine with the item's code as business key (the
 * item process registers it under that code), from several threads, without the gap-free code counter that
 * serialises {@code ItemService.issue}. The items are real: same BPMN, delegates, read model and ladder.
 */
final class BenchItems {

  private BenchItems() {
  }

  static DubanUser user(Variant variant, String id) {
    return variant.bean(CamundaIdentityAuthenticationProvider.class).load(id);
  }

  static String start(Variant variant, DubanUser office, String code, String unit, String assignee, String deadline) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ItemProcess.Variables.TITLE, "基准事项 " + code);
    variables.put(ItemProcess.Variables.REQUIREMENT, "按要求完成并报送情况");
    variables.put(ItemProcess.Variables.UNIT_ID, unit);
    variables.put(ItemProcess.Variables.ASSIGNEE, assignee);
    variables.put(ItemProcess.Variables.CO_UNIT_IDS, "");
    variables.put(ItemProcess.Variables.LEADER_ID, BenchBureau.LEADER);
    variables.put(ItemProcess.Variables.DEADLINE, deadline);
    variables.put(ItemProcess.Variables.REPORTING_CYCLE, null);
    variables.put(ItemProcess.Variables.LIST_CODE, null);
    RuntimeService runtime = variant.bean(RuntimeService.class);
    return EngineSystemContext.callAs(variant.bean(IdentityService.class), office,
        () -> runtime.startProcessInstanceByKey(ItemProcess.KEY, code, variables).getId());
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
