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
 * authorizations on), {@code /api/items} pages, and the dashboard's figures.
 */
final class QueryScenario {

  /** GET /api/dashboard as the office (all units), the current quarter, over HTTP as the 督办台 page loads it. */
  static Object dashboard(Variant variant, HttpClient http) {
    String port = variant.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port");
    String basic = Base64.getEncoder().encodeToString((BenchBureau.OFFICE + ":" + BenchBureau.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/api/dashboard")).header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /api/dashboard answered " + response.statusCode() + ": " + response.body());
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
    queries.put("dashboard GET /api/dashboard (office, all units)", () -> dashboard(variant, http));
    Map<String, Stats> result = new LinkedHashMap<>();
    queries.forEach((name, query) -> {
      for (int i = 0; i < 3; i++) {
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
