package cn.duban.lists;

import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.item.ItemDraft;
import cn.duban.support.Concurrently;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;

/**
 * Issuing is never blocked by an import: a list import's transaction (here held open by the test after it took its
 * list and item codes, as a 2,000-row import holds it for a minute) does not make {@code POST /api/items} wait;
 * codes stay distinct when many items are issued at once.
 */
@DubanSpringTest
class IssuingDuringImportTest {

  @LocalServerPort int port;
  @Autowired ListService lists;
  @Autowired Users users;
  @Autowired PlatformTransactionManager transactions;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  Map<String, Object> item(String title) {
    return Map.of("title", title, "unitId", UNIT_A, "leaderId", LEADER, "deadline", today.plusDays(20).toString());
  }

  @Test
  void anItemIsIssuedInItsNormalTimeWhileAnImportHoldsItsTransactionOpen() throws Exception {
    CountDownLatch codesTaken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService importer = Executors.newSingleThreadExecutor();
    try {
      Future<?> importing = importer.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
        List<ListService.ListRow> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          rows.add(new ListService.ListRow(String.valueOf(i), new ItemDraft("导入中的事项" + i, null, UNIT_B, null,
              List.of(), null, today.plusDays(30).toString(), null, null), null));
        }
        lists.issue("导入中的清单", null, null, null, rows, users.get(OFFICE), false);
        codesTaken.countDown();
        await(release);
        // the import does not commit: nothing of it remains, and its codes are not used again
        status.setRollbackOnly();
      }));
      assertThat(codesTaken.await(60, TimeUnit.SECONDS)).as("the import took its codes").isTrue();

      long started = System.nanoTime();
      CompletableFuture<Http.Response> issued = CompletableFuture.supplyAsync(() ->
          Http.basic(port, OFFICE, PASSWORD).post("/api/items", item("导入期间交办的事项")));
      Http.Response response;
      try {
        response = issued.get(15, TimeUnit.SECONDS);
      } finally {
        release.countDown();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      assertThat(response.json().get("code").asText()).matches("DB\\d{4}-\\d{4,}");
      assertThat(took).as("issued without waiting for the import").isLessThan(Duration.ofSeconds(5));
      importing.get(60, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      importer.shutdownNow();
    }
  }

  @Test
  void itemsIssuedAtTheSameTimeGetDistinctCodes() throws Exception {
    int parallel = 16;
    List<Http.Response> responses = Concurrently.run(parallel, n ->
        Http.basic(port, OFFICE, PASSWORD).post("/api/items", item("同时交办的事项" + n)));
    Set<String> codes = new HashSet<>();
    for (Http.Response r : responses) {
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      codes.add(r.json().get("code").asText());
    }
    assertThat(codes).hasSize(parallel);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
