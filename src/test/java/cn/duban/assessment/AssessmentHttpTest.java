package cn.duban.assessment;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.duban.calendar.CalendarService;
import cn.duban.support.Concurrently;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.ReportList;
import cn.duban.system.BureauClock;

/**
 * 考核 over HTTP on PostgreSQL: for a list of its own with items in every state (closed on time, closed late by a
 * known number of working days, open overdue at the period's end, extended, returned, 督办, 通报, rated, 反馈逾期 and
 * late 协办反馈 rows, co-unit parts done and waived), every figure equals a count made here with SQL straight on the
 * read model's tables, every score is the rules applied to them, and the totals agree with the 督办台 and the 通报.
 * Then: rules versioned (a period scored with the rules in force on its last day), the floor, each role's scope,
 * 400s naming the field, 409 for a stale or racing change, and the export.
 */
@DubanSpringTest
class AssessmentHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired BureauClock clock;
  @Autowired CalendarService calendar;

  String list;
  ReportList report;
  Instant now;
  LocalDate today;
  LocalDate from;
  final Map<String, String> codes = new HashMap<>();

  Http as(String user) {
    return user.equals(ADMIN) ? Http.basic(port, ADMIN, ADMIN_PASSWORD) : Http.basic(port, user, PASSWORD);
  }


  @BeforeEach
  void itemsInEveryState() {
    report = ReportList.create(jdbc, clock, "KH", "考核测试清单");
    list = report.code();
    now = report.now();
    today = report.today();
    from = report.from();
    Instant recent = now.minus(Duration.ofHours(1));
    Instant earlier = now.minus(Duration.ofDays(20));

    item("onTime", UNIT_A, ANDY, "CLOSED", today.plusDays(5), earlier, recent);
    rate("onTime", "EXCELLENT", 0);
    // closed late by exactly three working days: on a working day three working days after the deadline
    LocalDate closedDay = calendar.addWorkingDays(today, -2);
    LocalDate lateDeadline = calendar.addWorkingDays(closedDay, -3);
    item("late3", UNIT_B, BOB, "CLOSED", lateDeadline, earlier, closedDay.atTime(LocalTime.of(10, 0))
        .atZone(clock.zone()).toInstant());
    rate("late3", "POOR", 2);
    item("openOverdue", UNIT_A, ALICE, "IN_PROGRESS", today.minusDays(5), earlier, null);
    jdbc.update("update duban.item set escalation_level = 'SUPERVISED', supervised_at = ? where code = ?",
        Timestamp.from(recent), codes.get("openOverdue"));
    item("bulletined", UNIT_B, BOB, "PENDING_SIGNOFF", today.minusDays(20), now.minus(Duration.ofDays(35)), null);
    jdbc.update("update duban.item set escalation_level = 'BULLETINED', supervised_at = ?, bulletin_at = ? "
        + "where code = ?", Timestamp.from(recent), Timestamp.from(recent), codes.get("bulletined"));
    item("extended", UNIT_A, ALICE, "IN_PROGRESS", today.plusDays(40), earlier, null);
    jdbc.update("insert into duban.deadline_change (item_code, old_deadline, new_deadline, reason, requested_by, "
        + "approved_by, changed_at) values (?, ?, ?, '等待省局数据', 'alice', 'leo', ?)", codes.get("extended"),
        today.plusDays(10), today.plusDays(40), Timestamp.from(recent));
    item("goodReturned", UNIT_B, BOB, "CLOSED", today.plusDays(3), earlier, recent);
    rate("goodReturned", "GOOD", 1);
    // 协办: 甲科's part done by andy on 乙科's open item; 乙科's part waived on 甲科's item closed in the period
    item("coDone", UNIT_B, BOB, "IN_PROGRESS", today.plusDays(20), earlier, null);
    jdbc.update("insert into duban.co_unit_part (item_code, unit_id, status, assignee, signed_at, report, done_at) "
        + "values (?, ?, 'DONE', ?, ?, '已完成协办', ?)", codes.get("coDone"), UNIT_A, ANDY, Timestamp.from(earlier),
        Timestamp.from(recent));
    item("coWaived", UNIT_A, ALICE, "CLOSED", today.plusDays(2), earlier, recent);
    rate("coWaived", "FAIR", 0);
    jdbc.update("insert into duban.co_unit_part (item_code, unit_id, status, waived_by, waive_reason) "
        + "values (?, ?, 'WAIVED', 'olivia', '无需协办')", codes.get("coWaived"), UNIT_B);
    // 反馈逾期: the lead's on the extended item, a late 协办反馈 of 甲科 (andy), and one before the period
    lateReport("extended", UNIT_A, false, ALICE, now.minus(Duration.ofDays(3)));
    lateReport("coDone", UNIT_A, true, ANDY, now.minus(Duration.ofDays(2)));
    lateReport("extended", UNIT_A, false, ALICE, now.minus(Duration.ofDays(60)));
    // outside the period: closed late long ago, and 督办 long ago
    item("oldLate", UNIT_B, BOB, "CLOSED", today.minusDays(400), now.minus(Duration.ofDays(420)),
        now.minus(Duration.ofDays(380)));
    rate("oldLate", "POOR", 3);
    jdbc.update("update duban.item set supervised_at = ? where code = ?", Timestamp.from(now.minus(Duration.ofDays(390))),
        codes.get("oldLate"));
  }

  /** A task list of its own, for periods where this test's other items must not count. */
  private String newList() {
    String code = "KH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    jdbc.update("insert into duban.task_list (code, name, issued_on, created_by, created_at, item_count) "
        + "values (?, ?, ?, 'olivia', ?, 0)", code, "考核测试清单" + code, today, Timestamp.from(now));
    return code;
  }

  private void item(String role, String unit, String assignee, String status, LocalDate deadline, Instant issuedAt,
                    Instant closedAt) {
    String code = report.prefix() + "-" + (codes.size() + 1);
    codes.put(role, code);
    jdbc.update("insert into duban.item (code, list_code, title, requirement, unit_id, assignee, deadline, due_at, "
            + "status, issued_by, issued_at, closed_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'olivia', ?, ?, ?)",
        code, list, "考核测试事项 " + role, "要求：" + role, unit, assignee, deadline,
        Timestamp.from(clock.endOfDay(deadline)), status, Timestamp.from(issuedAt),
        closedAt == null ? null : Timestamp.from(closedAt), Timestamp.from(issuedAt));
  }

  private void rate(String role, String grade, int returns) {
    jdbc.update("update duban.item set quality_rating = ?, return_count = ? where code = ?", grade, returns,
        codes.get(role));
  }

  private void lateReport(String role, String unit, boolean coUnit, String assignee, Instant dueAt) {
    LocalDate day = LocalDate.ofInstant(dueAt, clock.zone());
    jdbc.update("insert into duban.late_report (item_code, unit_id, co_unit, assignee, period_start, period_end, "
            + "due_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", codes.get(role), unit, coUnit, assignee,
        day.minusDays(6), day, Timestamp.from(dueAt), Timestamp.from(dueAt));
  }

  // --- the figures, counted here with SQL on the read model's tables ------------------------------------------

  /** Per unit or person: figure → count, counted independently of the assessment's query. */
  Map<String, Map<String, Long>> expected(boolean people) {
    String who = people ? "assignee" : "unit_id";
    Map<String, Map<String, Long>> counts = new HashMap<>();
    Timestamp s = Timestamp.from(report.start());
    Timestamp e = Timestamp.from(report.end());
    Timestamp asOf = Timestamp.from(now.isBefore(report.end()) ? now : report.end());
    String closed = " from duban.item where list_code = ? and status = 'CLOSED' and closed_at >= ? and closed_at < ?";
    add(counts, "CLOSED_ON_TIME", "select " + who + " as k, count(*)" + closed + " and closed_at <= due_at group by 1",
        list, s, e);
    add(counts, "CLOSED_LATE", "select " + who + " as k, count(*)" + closed + " and closed_at > due_at group by 1",
        list, s, e);
    // working days overdue at 销号, with the calendar, item by item
    for (Map<String, Object> r : jdbc.queryForList("select " + who + " as k, deadline, closed_at" + closed
        + " and closed_at > due_at", list, s, e)) {
      LocalDate closedOn = LocalDate.ofInstant(((Timestamp) r.get("closed_at")).toInstant(), clock.zone());
      int days = calendar.workingDaysBetween(((java.sql.Date) r.get("deadline")).toLocalDate(), closedOn);
      counts.computeIfAbsent((String) r.get("k"), k -> new HashMap<>()).merge("LATE_DAYS", (long) days, Long::sum);
    }
    add(counts, "OPEN_OVERDUE", "select " + who + " as k, count(*) from duban.item where list_code = ? and "
        + "issued_at < ? and due_at < ? and (closed_at is null or closed_at > ?) group by 1", list, asOf, asOf, asOf);
    add(counts, "LATE_REPORT", "select l." + (people ? "assignee" : "unit_id") + " as k, count(*) from duban.late_report l "
        + "join duban.item i on i.code = l.item_code where i.list_code = ? and l.due_at >= ? and l.due_at < ? group by 1",
        list, s, e);
    add(counts, "EXTENSION", "select i." + who + " as k, count(*) from duban.deadline_change d join duban.item i "
        + "on i.code = d.item_code where i.list_code = ? and d.changed_at >= ? and d.changed_at < ? group by 1", list, s, e);
    add(counts, "RETURNED", "select " + who + " as k, sum(return_count)" + closed + " group by 1", list, s, e);
    add(counts, "SUPERVISED", "select " + who + " as k, count(*) from duban.item where list_code = ? and "
        + "supervised_at >= ? and supervised_at < ? group by 1", list, s, e);
    add(counts, "BULLETINED", "select " + who + " as k, count(*) from duban.item where list_code = ? and "
        + "bulletin_at >= ? and bulletin_at < ? group by 1", list, s, e);
    for (String grade : List.of("EXCELLENT", "GOOD", "FAIR", "POOR")) {
      add(counts, "RATED_" + grade, "select " + who + " as k, count(*)" + closed + " and quality_rating = '" + grade
          + "' group by 1", list, s, e);
    }
    String part = people ? "p.assignee" : "p.unit_id";
    add(counts, "CO_PART_DONE", "select " + part + " as k, count(*) from duban.co_unit_part p join duban.item i on "
        + "i.code = p.item_code where i.list_code = ? and p.status = 'DONE' and p.done_at >= ? and p.done_at < ? "
        + "group by 1", list, s, e);
    add(counts, "CO_PART_WAIVED", "select " + part + " as k, count(*) from duban.co_unit_part p join duban.item i on "
        + "i.code = p.item_code where i.list_code = ? and p.status = 'WAIVED' and i.status = 'CLOSED' and "
        + "i.closed_at >= ? and i.closed_at < ? group by 1", list, s, e);
    return counts;
  }

  private void add(Map<String, Map<String, Long>> counts, String figure, String sql, Object... args) {
    jdbc.query(sql, rs -> {
      String key = rs.getString(1);
      if (key != null) {
        counts.computeIfAbsent(key, k -> new HashMap<>()).merge(figure, rs.getLong(2), Long::sum);
      }
    }, args);
  }

  static JsonNode row(JsonNode rows, String id) {
    return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + id + " in " + rows));
  }

  static List<String> ids(JsonNode rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(r -> r.get("id").asText()).toList();
  }

  /** base + Σ count × worth, not below the floor, with the rules the answer says it used. */
  static BigDecimal score(JsonNode rules, JsonNode figures) {
    Map<String, BigDecimal> worth = new LinkedHashMap<>();
    worth.put("CLOSED_ON_TIME", rules.get("closedOnTime").decimalValue());
    worth.put("LATE_DAYS", rules.get("lateDay").decimalValue().negate());
    worth.put("OPEN_OVERDUE", rules.get("openOverdue").decimalValue().negate());
    worth.put("LATE_REPORT", rules.get("lateReport").decimalValue().negate());
    worth.put("EXTENSION", rules.get("extension").decimalValue().negate());
    worth.put("RETURNED", rules.get("returned").decimalValue().negate());
    worth.put("SUPERVISED", rules.get("supervised").decimalValue().negate());
    worth.put("BULLETINED", rules.get("bulletined").decimalValue().negate());
    worth.put("RATED_EXCELLENT", rules.get("excellent").decimalValue());
    worth.put("RATED_GOOD", rules.get("good").decimalValue());
    worth.put("RATED_FAIR", rules.get("fair").decimalValue());
    worth.put("RATED_POOR", rules.get("poor").decimalValue());
    worth.put("CO_PART_DONE", rules.get("coPartDone").decimalValue());
    worth.put("CO_PART_WAIVED", rules.get("coPartWaived").decimalValue().negate());
    BigDecimal score = rules.get("base").decimalValue();
    for (var w : worth.entrySet()) {
      score = score.add(w.getValue().multiply(BigDecimal.valueOf(figures.get(w.getKey()).get("count").asLong())));
    }
    return score.max(rules.get("floor").decimalValue());
  }

  @Test
  void everyFigureIsCountedFromTheReadModelAndScoredByTheRules() {
    JsonNode a = as(OFFICE).get("/api/assessment?" + report.query()).json();
    assertThat(a.get("scope").asText()).startsWith("全局");
    for (boolean people : List.of(false, true)) {
      Map<String, Map<String, Long>> expected = expected(people);
      JsonNode rows = a.get(people ? "people" : "units");
      for (String id : people ? List.of(ALICE, ANDY, BOB) : List.of(UNIT_A, UNIT_B)) {
        JsonNode figures = row(rows, id).get("figures");
        for (Figure f : Figure.values()) {
          assertThat(figures.get(f.name()).get("count").asLong()).as(id + " " + f)
              .isEqualTo(expected.getOrDefault(id, Map.of()).getOrDefault(f.name(), 0L));
          assertThat(figures.get(f.name()).get("items").size()).as(id + " " + f + " items")
              .isLessThanOrEqualTo((int) Math.max(figures.get(f.name()).get("count").asLong(), 0));
        }
        assertThat(row(rows, id).get("score").decimalValue()).as(id + " score")
            .isEqualByComparingTo(score(a.get("rules"), figures));
      }
    }

    // the data set's own numbers, so that the comparison above cannot pass on zeros
    JsonNode bob = row(a.get("people"), BOB).get("figures");
    assertThat(bob.get("CLOSED_LATE").get("count").asLong()).isEqualTo(1);
    assertThat(bob.get("LATE_DAYS").get("count").asLong()).isEqualTo(3);
    assertThat(bob.get("RETURNED").get("count").asLong()).isEqualTo(3);
    assertThat(bob.get("BULLETINED").get("items").get(0).asText()).isEqualTo(codes.get("bulletined"));
    JsonNode unitA = row(a.get("units"), UNIT_A).get("figures");
    // 甲科 as a co-unit: its part done and its late 协办反馈 count; the lead's deadline of that item does not
    assertThat(unitA.get("CO_PART_DONE").get("items").get(0).asText()).isEqualTo(codes.get("coDone"));
    assertThat(unitA.get("LATE_REPORT").get("count").asLong()).isEqualTo(2);
    assertThat(unitA.get("OPEN_OVERDUE").get("count").asLong()).isEqualTo(1);
    assertThat(row(a.get("units"), UNIT_B).get("figures").get("CO_PART_WAIVED").get("count").asLong()).isEqualTo(1);
    assertThat(row(a.get("people"), ANDY).get("figures").get("LATE_REPORT").get("count").asLong()).isEqualTo(1);

    // ranks: best first, equal scores share a place
    JsonNode units = a.get("units");
    for (int i = 1; i < units.size(); i++) {
      int cmp = units.get(i - 1).get("score").decimalValue().compareTo(units.get(i).get("score").decimalValue());
      assertThat(cmp).isGreaterThanOrEqualTo(0);
      assertThat(units.get(i).get("rank").asInt()).isEqualTo(cmp == 0 ? units.get(i - 1).get("rank").asInt() : i + 1);
    }

    // each figure links to the items behind it
    String link = bob.get("CLOSED_LATE").get("link").asText();
    Http.Response page = as(OFFICE).get(link, "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(codes.get("late3")).doesNotContain(codes.get("oldLate"));
  }

  @Test
  void totalsAgreeWithTheDashboardAndTheBulletin() {
    JsonNode a = as(OFFICE).get("/api/assessment?" + report.query()).json();
    JsonNode dashboard = as(OFFICE).get("/api/dashboard?" + report.query()).json();
    JsonNode bulletin = as(OFFICE).get("/api/bulletin?" + report.query()).json();
    for (JsonNode u : dashboard.get("units")) {
      JsonNode figures = row(a.get("units"), u.get("unitId").asText()).get("figures");
      assertThat(figures.get("CLOSED_ON_TIME").get("count").asLong()).isEqualTo(u.get("closedOnTime").asLong());
      assertThat(figures.get("CLOSED_LATE").get("count").asLong()).isEqualTo(u.get("closedLate").asLong());
    }
    for (JsonNode u : bulletin.get("units")) {
      JsonNode figures = row(a.get("units"), u.get("unitId").asText()).get("figures");
      assertThat(figures.get("OPEN_OVERDUE").get("count").asLong()).isEqualTo(u.get("openOverdue").asLong());
      assertThat(figures.get("EXTENSION").get("count").asLong()).isEqualTo(u.get("extensions").asLong());
    }
    long bulletined = 0;
    for (JsonNode u : a.get("units")) {
      bulletined += u.get("figures").get("BULLETINED").get("count").asLong();
    }
    assertThat(bulletined).isEqualTo(bulletin.get("items").size()).isEqualTo(1);
    assertThat(dashboard.get("total").get("closedOnTime").asLong()).isEqualTo(3);
  }

  @Test
  void eachRoleSeesItsScope() {
    JsonNode cadre = as(ANDY).get("/api/assessment?" + report.query()).json();
    assertThat(ids(cadre.get("units"))).isEmpty();
    assertThat(ids(cadre.get("people"))).containsExactly(ANDY);
    assertThat(ids(as(BOB).get("/api/assessment?" + report.query()).json().get("people"))).containsExactly(BOB);

    JsonNode head = as(ALICE).get("/api/assessment?" + report.query()).json();
    assertThat(ids(head.get("units"))).containsExactly(UNIT_A);
    assertThat(ids(head.get("people"))).contains(ALICE, ANDY).doesNotContain(BOB);

    JsonNode office = as(OFFICE).get("/api/assessment?" + report.query()).json();
    for (String reader : List.of(LEADER, AUDITOR)) {
      JsonNode all = as(reader).get("/api/assessment?" + report.query()).json();
      assertThat(ids(all.get("units"))).contains(UNIT_A, UNIT_B).isEqualTo(ids(office.get("units")));
      assertThat(ids(all.get("people"))).contains(ALICE, ANDY, BOB);
    }
    // a place is the same whoever reads it
    assertThat(row(cadre.get("people"), ANDY).get("rank")).isEqualTo(row(office.get("people"), ANDY).get("rank"));
    // a figure of somebody outside the reader's scope shows nothing
    String bobsLink = row(office.get("people"), BOB).get("figures").get("CLOSED_LATE").get("link").asText();
    assertThat(as(ANDY).get(bobsLink, "text/html").body()).doesNotContain(codes.get("late3"));
    // auditors read, admins alone change the rules
    assertThat(as(AUDITOR).put("/api/admin/assessment-rules", Map.of()).status()).isEqualTo(403);
    assertThat(as(OFFICE).get("/api/admin/assessment-rules").status()).isEqualTo(403);
    // the page, for every reader
    for (String reader : List.of(ANDY, ALICE, OFFICE, AUDITOR)) {
      Http.Response page = as(reader).get("/assessment?" + report.query(), "text/html");
      assertThat(page.status()).as(reader).isEqualTo(200);
      assertThat(page.body()).contains("chart-people", "考核");
    }
  }

  @Test
  void badQueriesAre400NamingTheField() {
    Http office = as(OFFICE);
    Http.Response period = office.get("/api/assessment?period=2026-13");
    assertThat(period.status()).isEqualTo(400);
    assertThat(period.json().get("errors").get(0).get("field").asText()).isEqualTo("period");
    assertThat(period.json().get("detail").asText()).contains("月份");
    Http.Response listCode = office.get("/api/assessment?list=NO-SUCH-LIST");
    assertThat(listCode.status()).isEqualTo(400);
    assertThat(listCode.json().get("errors").get(0).get("field").asText()).isEqualTo("list");
    assertThat(office.get("/api/assessment/export?from=2026-12-01&to=2026-11-01").status()).isEqualTo(400);
  }

  // --- rules -------------------------------------------------------------------------------------------------

  ObjectNode currentRules() {
    JsonNode answer = as(ADMIN).get("/api/admin/assessment-rules").json();
    ObjectNode latest = (ObjectNode) answer.get("versions").get(0).deepCopy();
    assertThat(latest.get("version").asInt()).isEqualTo(answer.get("latestVersion").asInt());
    latest.remove(List.of("changedBy", "changedAt"));
    return latest;
  }

  @Test
  void rulesAreVersionedAndAPeriodIsScoredWithTheRulesInForceOnItsLastDay() {
    ObjectNode change = currentRules();
    int before = change.get("version").asInt();
    change.put("validFrom", "2095-01-01").put("base", 90);
    Http.Response first = as(ADMIN).put("/api/admin/assessment-rules", change);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("version").asInt()).isEqualTo(before + 1);
    ObjectNode second = currentRules();
    second.put("validFrom", "2095-02-01").put("base", 80);
    assertThat(as(ADMIN).put("/api/admin/assessment-rules", second).status()).isEqualTo(201);

    // 2095-01 ends before the second version applies; 2095-Q1 ends after; 2094-12 before both (a list without
    // items, so that every unit scores the base)
    String empty = newList();
    JsonNode january = as(OFFICE).get("/api/assessment?period=2095-01&list=" + empty).json();
    assertThat(january.get("rules").get("version").asInt()).isEqualTo(before + 1);
    assertThat(row(january.get("units"), UNIT_A).get("score").decimalValue()).isEqualByComparingTo("90");
    JsonNode quarter = as(OFFICE).get("/api/assessment?period=2095-Q1&list=" + empty).json();
    assertThat(quarter.get("rules").get("version").asInt()).isEqualTo(before + 2);
    assertThat(row(quarter.get("units"), UNIT_A).get("score").decimalValue()).isEqualByComparingTo("80");
    JsonNode december = as(OFFICE).get("/api/assessment?period=2094-12&list=" + empty).json();
    assertThat(december.get("rules").get("version").asInt()).isLessThanOrEqualTo(before);
    // old versions are kept
    assertThat(as(ADMIN).get("/api/admin/assessment-rules").json().get("versions").size())
        .isGreaterThanOrEqualTo(before + 2);
  }

  @Test
  void aScoreNeverGoesBelowTheFloor() {
    ObjectNode change = currentRules();
    change.put("validFrom", "2096-01-01").put("base", 10).put("floor", 5).put("bulletined", 100);
    assertThat(as(ADMIN).put("/api/admin/assessment-rules", change).status()).isEqualTo(201);
    Instant bulletinAt = LocalDate.of(2096, 1, 10).atStartOfDay(clock.zone()).toInstant();
    item("future", UNIT_B, BOB, "IN_PROGRESS", LocalDate.of(2096, 3, 1), now, null);
    String own = newList();
    jdbc.update("update duban.item set bulletin_at = ?, list_code = ? where code = ?", Timestamp.from(bulletinAt),
        own, codes.get("future"));
    JsonNode bob = row(as(OFFICE).get("/api/assessment?period=2096-01&list=" + own).json().get("people"), BOB);
    assertThat(bob.get("figures").get("BULLETINED").get("count").asLong()).isEqualTo(1);
    assertThat(bob.get("raw").decimalValue()).isEqualByComparingTo("-90");
    assertThat(bob.get("score").decimalValue()).isEqualByComparingTo("5");
    assertThat(bob.get("floored").asBoolean()).isTrue();
  }

  @Test
  void badRulesAre400NamingEachFieldAndNothingIsWritten() {
    ObjectNode change = currentRules();
    int before = change.get("version").asInt();
    change.remove("lateDay");
    change.put("openOverdue", -1).put("supervised", "1.25").put("poor", "很差").put("floor", 200).put("base", 100);
    change.put("validFrom", "2026-02-30");
    Http.Response bad = as(ADMIN).put("/api/admin/assessment-rules", change);
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = StreamSupport.stream(bad.json().get("errors").spliterator(), false)
        .map(e -> e.get("field").asText()).toList();
    assertThat(fields).containsExactlyInAnyOrder("lateDay", "openOverdue", "supervised", "poor", "floor", "validFrom");
    assertThat(bad.json().get("errors").get(0).get("message").asText()).matches(".*[\\u4e00-\\u9fa5].*");
    assertThat(bad.body()).contains("逾期销号扣分", "最多一位小数");
    assertThat(as(ADMIN).put("/api/admin/assessment-rules", null).status()).isEqualTo(400);
    assertThat(currentRules().get("version").asInt()).isEqualTo(before);
  }

  @Test
  void aStaleOrRacingChangeLosesWith409() throws Exception {
    ObjectNode edited = currentRules();
    edited.put("validFrom", "2097-01-01");
    assertThat(as(ADMIN).put("/api/admin/assessment-rules", edited).status()).isEqualTo(201);
    // the same form sent again was edited from a version that is no longer the latest
    Http.Response stale = as(ADMIN).put("/api/admin/assessment-rules", edited.deepCopy().put("base", 99));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("detail").asText()).contains("已被他人修改");
    ObjectNode change = currentRules();
    change.put("validFrom", "2097-02-01");
    List<Integer> statuses = Concurrently.run(2, i -> as(ADMIN).put("/api/admin/assessment-rules",
        change.deepCopy().put("base", 95 + i)).status());
    assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    assertThat(currentRules().get("version").asInt()).isEqualTo(change.get("version").asInt() + 1);
  }

  @Test
  void theAdminPageChangesTheRules() {
    Http browser = Http.browser(port);
    browser.signIn(ADMIN, ADMIN_PASSWORD);
    ObjectNode current = currentRules();
    Map<String, String> form = new LinkedHashMap<>();
    current.fields().forEachRemaining(e -> form.put(e.getKey(), e.getValue().asText()));
    form.put("validFrom", "2098-01-01");
    form.put("_csrf", browser.formToken("/admin/assessment-rules"));
    form.put("closedOnTime", "1.234");
    Http.Response refused = browser.postForm("/admin/assessment-rules", form);
    assertThat(refused.body()).contains("最多一位小数");
    assertThat(currentRules().get("version")).isEqualTo(current.get("version"));
    form.put("closedOnTime", "1.5");
    Http.Response saved = browser.postForm("/admin/assessment-rules", form);
    assertThat(saved.body()).contains("已保存为第 " + (current.get("version").asInt() + 1) + " 版");
    assertThat(currentRules().get("closedOnTime").decimalValue()).isEqualByComparingTo("1.5");
  }

  @Test
  void theExportOpensAndHasTheFigures() throws Exception {
    JsonNode a = as(OFFICE).get("/api/assessment?" + report.query()).json();
    byte[] xlsx = as(OFFICE).getBytes("/api/assessment/export?" + report.query());
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet units = workbook.getSheet("部门");
      PrintSetup print = units.getPrintSetup();
      assertThat(print.getLandscape()).isTrue();
      assertThat(print.getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
      Row head = units.getRow(0);
      List<String> header = new ArrayList<>();
      head.forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header).startsWith("名次", "责任部门", "得分").contains("逾期销号工作日", "协办豁免");
      for (JsonNode u : a.get("units")) {
        Row row = null;
        for (Row r : units) {
          if (r.getRowNum() > 0 && r.getCell(1) != null && u.get("name").asText().equals(r.getCell(1).toString())) {
            row = r;
          }
        }
        assertThat(row).as(u.get("name").asText()).isNotNull();
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(u.get("rank").asDouble());
        assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(u.get("score").asDouble());
        int c = 3;
        for (Figure f : Figure.values()) {
          assertThat(row.getCell(c++).getNumericCellValue()).as(f.name())
              .isEqualTo(u.get("figures").get(f.name()).get("count").asDouble());
        }
      }
      assertThat(workbook.getSheet("人员").getPrintSetup().getLandscape()).isTrue();
      assertThat(workbook.getSheet("考核规则")).isNotNull();
    }
  }
}
