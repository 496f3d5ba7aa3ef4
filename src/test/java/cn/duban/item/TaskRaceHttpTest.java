package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;
import cn.duban.system.BureauClock;

/** Many people (or one impatient person) at the same task at once: one wins, the others get a clear 409. */
@DubanSpringTest
class TaskRaceHttpTest {

  @LocalServerPort int port;
  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired Users users;
  @Autowired TaskService taskService;
  @Autowired BureauClock clock;

  String issue() {
    return items.issue(new ItemDraft("并发办理", null, UNIT_A, null, List.of(), LEADER,
        clock.today().plusDays(10).toString(), null, null), users.get(OFFICE), false);
  }

  String taskId(String code, String key) {
    return taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult().getId();
  }

  static List<Http.Response> atOnce(int n, Supplier<Http.Response> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Http.Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.get();
        }));
      }
      start.countDown();
      List<Http.Response> responses = new ArrayList<>();
      for (Future<Http.Response> f : futures) {
        responses.add(f.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  static void oneWinnerTheRest409InChinese(List<Http.Response> responses, int success) {
    assertThat(responses).filteredOn(r -> r.status() == success).as(responses.toString()).hasSize(1);
    assertThat(responses).filteredOn(r -> r.status() != success).allSatisfy(r -> {
      assertThat(r.status()).as(r.body()).isEqualTo(409);
      assertThat(r.json().get("message").asText()).containsPattern("[\\u4e00-\\u9fff]").doesNotContain("null");
    });
  }

  @Test
  void thirtyCompletionsOfOneTaskMakeOneCompletionAndTwentyNine409s() throws Exception {
    String code = issue();
    tasks.complete(code, Elements.SIGN_FOR, users.get(ANDY), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    String handle = taskId(code, Elements.HANDLE);
    Http andy = Http.basic(port, ANDY, PASSWORD);
    var body = Map.of("variables", Map.of(Variables.HANDLE_ACTION, Map.of("value", Decisions.PROGRESS),
        Variables.PROGRESS_TEXT, Map.of("value", "本周进展")));
    oneWinnerTheRest409InChinese(atOnce(30, () -> andy.post("/engine-rest/task/" + handle + "/complete", body)), 204);
  }

  @Test
  void twentyClaimsOfOneTaskMakeOneClaimAndNineteen409s() throws Exception {
    String code = issue();
    String signFor = taskId(code, Elements.SIGN_FOR);
    List<Http.Response> responses = atOnce(20, new Supplier<>() {
      int n;

      @Override
      public synchronized Http.Response get() {
        String who = (n++ % 2 == 0) ? ANDY : ALICE;
        return Http.basic(port, who, PASSWORD).post("/engine-rest/task/" + signFor + "/claim", Map.of("userId", who));
      }
    });
    // the same person claiming twice is no conflict (the engine accepts a claim by the assignee): count per person
    assertThat(responses).filteredOn(r -> r.status() != 204).allSatisfy(r -> {
      assertThat(r.status()).as(r.body()).isEqualTo(409);
      assertThat(r.json().get("message").asText()).containsPattern("[\\u4e00-\\u9fff]");
    });
    assertThat(taskService.createTaskQuery().taskId(signFor).singleResult().getAssignee()).isIn(ANDY, ALICE);
  }
}
