package cn.duban.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Decisions;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.system.security.DubanUser;

/**
 * Scenario 1, lifecycle throughput: items issued (交办, {@code ItemService.issue} with its code counter), 签收,
 * 申请办结 and 销号 through the Java API as the people who do them, by 4 client threads.
 */
final class LifecycleScenario {

  record Result(int items, double seconds, Map<String, List<Double>> millis) {

    double itemsPerSecond() {
      return items / seconds;
    }

    Map<String, Stats> steps() {
      Map<String, Stats> steps = new java.util.LinkedHashMap<>();
      millis.forEach((step, values) -> steps.put(step, Stats.of(values)));
      return steps;
    }

    Result plus(Result other) {
      Map<String, List<Double>> all = new java.util.LinkedHashMap<>();
      millis.forEach((step, values) -> {
        List<Double> both = new java.util.ArrayList<>(values);
        both.addAll(other.millis.get(step));
        all.put(step, both);
      });
      return new Result(items + other.items, seconds + other.seconds, all);
    }
  }

  private LifecycleScenario() {
  }

  static Result run(Variant variant, int items, int threads) {
    ItemService service = variant.bean(ItemService.class);
    ItemTasks tasks = variant.bean(ItemTasks.class);
    DubanUser office = BenchItems.user(variant, BenchBureau.OFFICE);
    // signed-in people, as a session holds them
    Map<String, DubanUser> people = new java.util.HashMap<>();
    for (int u = 0; u < BenchBureau.UNITS; u++) {
      for (String member : BenchBureau.members(BenchBureau.unit(u))) {
        people.put(member, BenchItems.user(variant, member));
      }
    }
    String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(40).toString();
    var issue = new ConcurrentLinkedQueue<Double>();
    var signFor = new ConcurrentLinkedQueue<Double>();
    var complete = new ConcurrentLinkedQueue<Double>();
    var signOff = new ConcurrentLinkedQueue<Double>();
    // warm-up: the same path, not measured
    BenchItems.parallel(threads * 5, threads, i -> item(service, tasks, office, people, i, deadline, null, null, null, null));
    long t0 = System.nanoTime();
    BenchItems.parallel(items, threads, i -> item(service, tasks, office, people, i, deadline, issue, signFor, complete, signOff));
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, List<Double>> millis = new java.util.LinkedHashMap<>();
    millis.put("issue", List.copyOf(issue));
    millis.put("signFor", List.copyOf(signFor));
    millis.put("applyCompletion", List.copyOf(complete));
    millis.put("signOff", List.copyOf(signOff));
    return new Result(items, seconds, millis);
  }

  private static void item(ItemService service, ItemTasks tasks, DubanUser office, Map<String, DubanUser> people, int i, String deadline,
                           ConcurrentLinkedQueue<Double> issue, ConcurrentLinkedQueue<Double> signFor,
                           ConcurrentLinkedQueue<Double> complete, ConcurrentLinkedQueue<Double> signOff) {
    String unit = BenchBureau.unit(i);
    String member = BenchBureau.members(unit).get(1 + i % 2);
    long t = System.nanoTime();
    String code = service.issue(new ItemDraft("落实税费优惠政策（第" + i + "项）", "逐项梳理政策落实情况，形成报告。", unit, null,
        List.of(), BenchBureau.LEADER, deadline, "每月", null), office, false);
    t = record(issue, t);
    DubanUser cadre = people.get(member);
    tasks.complete(code, Elements.SIGN_FOR, cadre, Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    t = record(signFor, t);
    tasks.complete(code, Elements.HANDLE, cadre, Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE,
        Variables.RESULT_TEXT, "已完成并形成报告"));
    t = record(complete, t);
    tasks.complete(code, Elements.SIGN_OFF, office, Map.of(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF, Variables.QUALITY_RATING, "GOOD"));
    record(signOff, t);
  }

  private static long record(ConcurrentLinkedQueue<Double> into, long since) {
    long now = System.nanoTime();
    if (into != null) {
      into.add((now - since) / 1e6);
    }
    return now;
  }
}
