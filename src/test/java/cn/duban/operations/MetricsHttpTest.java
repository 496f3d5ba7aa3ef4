package cn.duban.operations;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.item.ItemEscalated;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * {@code /actuator/prometheus}: the engine's and duban's figures, for admins only (a cadre or nobody is refused);
 * the figures move with what happens in the bureau.
 */
@DubanSpringTest
class MetricsHttpTest {

  static final String FIGURES = "/actuator/prometheus";

  @LocalServerPort int port;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate transactions;

  String figures() {
    Http.Response response = Http.basic(port, ADMIN, ADMIN_PASSWORD).get(FIGURES);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/plain");
    return response.body();
  }

  /** The value of the first series of {@code name} whose labels contain {@code label}; fails when there is none. */
  static double figure(String text, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no " + name + " with " + label + " in:\n" + text);
  }

  /** The sum of every series of {@code name}. */
  static double total(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} (\\S+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** What waits in the outbox: notifications not yet composed and deliveries not yet done, every channel. */
  static double outbox(String text) {
    return figure(text, "duban_notify_uncomposed", "") + total(text, "duban_notify_backlog");
  }

  @Test
  void theFiguresAreRefusedToNobodyAndToCadres() {
    assertThat(Http.anonymous(port).get(FIGURES).status()).isEqualTo(401);
    assertThat(Http.basic(port, ALICE, PASSWORD).get(FIGURES).status()).isEqualTo(403);
    assertThat(Http.basic(port, OFFICE, PASSWORD).get(FIGURES).status()).isEqualTo(403);
    Http browser = Http.browser(port);
    browser.signIn(ALICE, PASSWORD);
    assertThat(browser.get(FIGURES).status()).as("a cadre's session").isEqualTo(403);
    assertThat(Http.anonymous(port).get("/actuator/metrics").status()).isIn(401, 404);
    assertThat(Http.anonymous(port).get("/actuator/env").status()).isIn(401, 404);
  }

  @Test
  void anAdminReadsTheEngineAndBureauFigures() {
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/api/me").status()).isEqualTo(200);
    String text = figures();
    assertThat(figure(text, "http_server_requests_seconds_count", "uri=\"/api/me\"")).isPositive();
    assertThat(text).contains("duban_engine_jobs_acquired_total", "duban_engine_jobs_executed_total",
        "duban_engine_jobs_failed_total", "duban_engine_incidents", "http_server_requests_seconds_count",
        "executor_queued_tasks");
    for (String state : new String[] {"due", "scheduled", "no_retries"}) {
      assertThat(figure(text, "duban_engine_jobs", "state=\"" + state + "\"")).isNotNaN();
    }
    for (String light : new String[] {"green", "yellow", "red"}) {
      assertThat(figure(text, "duban_items_open", "light=\"" + light + "\"")).isNotNaN();
    }
    assertThat(figure(text, "duban_notify_backlog", "channel=\"email\"")).isNotNaN();
    assertThat(figure(text, "duban_notify_backlog_due", "channel=\"email\"")).isNotNaN();
    assertThat(figure(text, "duban_notify_oldest_undelivered_seconds", "channel=\"email\"")).isNotNaN();
    assertThat(figure(text, "duban_notify_deliveries", "outcome=\"sent\"")).isNotNaN();
    assertThat(figure(text, "duban_notify_deliveries", "outcome=\"failed\"")).isNotNaN();
  }

  @Test
  void issuingAnItemShowsInTheOpenItemsTheEnginesTimersAndTheOutbox() {
    String before = figures();
    Http.Response issued = Http.basic(port, OFFICE, PASSWORD).post("/api/items", Map.of("title", "运维指标测试事项",
        "unitId", UNIT_A, "leaderId", LEADER, "deadline", LocalDate.now().plusDays(40).toString()));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String after = figures();

    assertThat(figure(after, "duban_items_open", "light=\"green\""))
        .isEqualTo(figure(before, "duban_items_open", "light=\"green\"") + 1);
    assertThat(figure(after, "duban_engine_jobs", "state=\"scheduled\""))
        .as("the new item's escalation timers")
        .isGreaterThan(figure(before, "duban_engine_jobs", "state=\"scheduled\""));

    // the ladder's 逾期催办 for it, as its timer would publish it: alice is told (tests deliver by hand, so it waits)
    String code = issued.json().get("code").asText();
    transactions.executeWithoutResult(tx -> events.publishEvent(new ItemEscalated(ItemEscalated.Step.CHASE, code,
        "运维指标测试事项", LocalDate.now(), LocalDate.now(), List.of(ALICE), null)));
    assertThat(outbox(figures())).as("the outbox").isGreaterThan(outbox(after));
  }

  @Test
  void aListImportIsTimedWithItsOutcome() {
    Http.Response refused = Http.basic(port, OFFICE, PASSWORD).upload("/api/lists", "坏清单.csv",
        "这不是清单".getBytes(StandardCharsets.UTF_8), Map.of("name", "指标测试清单", "dryRun", "true"));
    assertThat(refused.status()).as(refused.body()).isBetween(400, 499);
    assertThat(figure(figures(), "duban_list_imports_seconds_count", "outcome=\"refused\"")).isPositive();
  }
}
