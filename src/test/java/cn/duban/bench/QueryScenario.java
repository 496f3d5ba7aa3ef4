package cn.duban.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

import cn.duban.item.ItemFilter;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemStatus;
import cn.duban.system.security.DubanUser;

/**
 * Scenario 3, queries on a whole bureau's data ({@link BenchData}): the Tasklist query "本部门待办" of a cadre in
 * two units (candidate group in the user's groups, first page of 50 by due date, and the count, with
 * authorizations on), {@code /api/items} pages, the dashboard's and the 考核's figures, and the audit search.
 */
final class QueryScenario {

  /** GET {@code path} over HTTP as {@code user}, as the page that shows it loads it; the body. */
  static Object get(Variant variant, HttpClient http, String user, String path) {
    String port = variant.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port");
    String basic = Base64.getEncoder().encodeToString((user + ":" + BenchBureau.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 422 && response.body().contains("查询范围过大")) {
        throw new Refused(path);
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private QueryScenario() {
  }

  /** A search duban refuses as too wide (422, 查询范围过大): it has no time to measure. */
  static final class Refused extends RuntimeException {
    Refused(String path) {
      super("GET " + path + ": 422 查询范围过大");
    }
  }

  static Map<String, Stats> run(Variant variant, int repetitions) {
    TaskService tasks = variant.bean(TaskService.class);
    IdentityService identity = variant.bean(IdentityService.class);
    ItemQueries items = variant.bean(ItemQueries.class);
    DubanUser cadre = BenchItems.user(variant, BenchBureau.CADRE);
    DubanUser office = BenchItems.user(variant, BenchBureau.OFFICE);
    List<String> groups = List.of(BenchBureau.unit(0), BenchBureau.unit(1));
    Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
    queries.put("tasklist: unit tasks page 50 + count", () -> {
      identity.setAuthentication(BenchBureau.CADRE, groups);
      try {
        List<Task> page = tasks.createTaskQuery().taskCandidateGroupIn(groups).orderByDueDate().asc().listPage(0, 50);
        long count = tasks.createTaskQuery().taskCandidateGroupIn(groups).count();
        if (page.size() != 50 || count < 50) {
          throw new IllegalStateException("tasklist query found " + page.size() + " of " + count);
        }
        return count;
      } finally {
        identity.clearAuthentication();
      }
    });
    queries.put("/api/items cadre (2 units) page 50", () -> items.list(filter(null, null, null), cadre));
    queries.put("/api/items office red page 50", () -> items.list(filter(null, null, ItemLight.RED), office));
    queries.put("/api/items office unit+status page 50",
        () -> items.list(filter(BenchBureau.unit(4), ItemStatus.IN_PROGRESS, null), office));
    HttpClient http = HttpClient.newHttpClient();
    // the 督办台 and the 考核 as the office opens them (all units, the current quarter)
    queries.put("dashboard GET /api/dashboard (office, all units)",
        () -> get(variant, http, BenchBureau.OFFICE, "/api/dashboard"));
    queries.put("assessment GET /api/assessment (office, quarter)",
        () -> get(variant, http, BenchBureau.OFFICE, "/api/assessment"));
    // the auditors' search (a search touching more than 5,000 items is refused: narrow it): one item's whole
    // history, and one unit's last week
    String item = variant.jdbc.queryForObject("select code from duban.item where status <> 'CLOSED' "
        + "order by code limit 1", String.class);
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    queries.put("audit GET /api/audit?item= (auditor)",
        () -> get(variant, http, BenchBureau.AUDITOR, "/api/audit?size=50&item=" + item));
    queries.put("audit GET /api/audit?unit=&from= last 7 days page 50",
        () -> get(variant, http, BenchBureau.AUDITOR, "/api/audit?size=50&unit=" + BenchBureau.unit(3) + "&from="
            + today.minusDays(7) + "&to=" + today));
    Map<String, Stats> result = new LinkedHashMap<>();
    queries.forEach((name, query) -> {
      try {
        query.get(); // warm-up
      } catch (Refused refused) {
        // the audit search refuses to read more than 5,000 items' histories: not measured at this size
        System.out.println("BENCH query     " + name + ": refused at this size (" + refused.getMessage() + ")");
        return;
      }
      for (int i = 0; i < 2; i++) {
        query.get(); // warm-up
      }
      // at most the repetitions, and at most 20 s of them (a slow query is measured at least 5 times)
      long until = System.nanoTime() + 20_000_000_000L;
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < repetitions && (i < 5 || System.nanoTime() < until); i++) {
        long t = System.nanoTime();
        query.get();
        millis.add((System.nanoTime() - t) / 1e6);
      }
      result.put(name, Stats.of(millis));
    });
    return result;
  }

  private static ItemFilter filter(String unit, ItemStatus status, ItemLight light) {
    return new ItemFilter(unit, status, light, null, null, 0, 50);
  }
}
