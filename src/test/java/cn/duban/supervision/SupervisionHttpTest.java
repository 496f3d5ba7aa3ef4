package cn.duban.supervision;

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
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.calendar.CalendarService;
import cn.duban.item.EscalationLevel;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemStatus;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.ReportList;
import cn.duban.system.BureauClock;

/**
 * The 督办台 over HTTP on PostgreSQL: its figures equal counts made here, independently, from the rows of the item
 * read model, for a list of its own with items in every state; and each role sees its own scope, in the JSON and on
 * the pages. The items are written straight into the read model: the 督办台 reads nothing else (the process that
 * keeps the read model is tested by ItemProcessTest), and so every state, old closings and 通报 marks included, is
 * set up exactly.
 */
@DubanSpringTest
class SupervisionHttpTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired BureauClock clock;
  @Autowired CalendarService calendar;
  @Autowired ItemQueries itemQueries;

  String list;
  ReportList report;
  Instant now;
  LocalDate today;
  /** The period asked for: the last 40 days up to today. */
  LocalDate from;

  /** Item codes by role in the data set. */
  final Map<String, String> codes = new HashMap<>();

  Http as(String user) {
    return Http.basic(port, user, PASSWORD);
  }


  @BeforeEach
  void itemsInEveryState() {
    report = ReportList.create(jdbc, clock, "SV", "督办台测试清单");
    list = report.code();
    now = report.now();
    today = report.today();
    from = report.from();
    Instant recent = now.minus(Duration.ofHours(1));
    item("issuedGreen", UNIT_A, List.of(), null, ItemStatus.ISSUED, today.plusDays(30), recent, null,
        EscalationLevel.NONE, null);
    item("yellow", UNIT_A, List.of(), ALICE, ItemStatus.IN_PROGRESS, today.plusDays(1), recent, null,
        EscalationLevel.REMINDED, null);
    item("redSupervised", UNIT_A, List.of(), ANDY, ItemStatus.IN_PROGRESS, today.minusDays(10),
        now.minus(Duration.ofDays(20)), null, EscalationLevel.SUPERVISED, null);
    item("redBulletined", UNIT_B, List.of(), BOB, ItemStatus.PENDING_SIGNOFF, today.minusDays(20),
        now.minus(Duration.ofDays(30)), null, EscalationLevel.BULLETINED, recent);
    item("extension", UNIT_A, List.of(), ALICE, ItemStatus.EXTENSION_PENDING, today.plusDays(40), recent, null,
        EscalationLevel.NONE, null);
    jdbc.update("update duban.item set extension_count = 1 where code = ?", codes.get("extension"));
    jdbc.update("insert into duban.deadline_change (item_code, old_deadline, new_deadline, reason, requested_by, "
        + "approved_by, changed_at) values (?, ?, ?, '等待省局数据', 'alice', 'leo', ?)", codes.get("extension"),
        today.plusDays(10), today.plusDays(40), Timestamp.from(now.minus(Duration.ofHours(2))));
    item("returned", UNIT_B, List.of(), null, ItemStatus.RETURNED, today.plusDays(15), recent, null,
        EscalationLevel.NONE, null);
    item("closedOnTime", UNIT_A, List.of(), ANDY, ItemStatus.CLOSED, today.plusDays(5), recent, recent,
        EscalationLevel.NONE, null);
    item("closedLate", UNIT_B, List.of(), BOB, ItemStatus.CLOSED, today.minusDays(3), now.minus(Duration.ofDays(25)),
        recent, EscalationLevel.CHASED, null);
    item("oldLate", UNIT_B, List.of(), BOB, ItemStatus.CLOSED, today.minusDays(410), now.minus(Duration.ofDays(420)),
        now.minus(Duration.ofDays(400)), EscalationLevel.CHASED, null);
    item("oldBulletined", UNIT_A, List.of(), ANDY, ItemStatus.CLOSED, today.minusDays(100),
        now.minus(Duration.ofDays(120)), now.minus(Duration.ofDays(50)), EscalationLevel.BULLETINED,
        now.minus(Duration.ofDays(60)));
    item("dueSoon", UNIT_B, List.of(), BOB, ItemStatus.IN_PROGRESS, calendar.addWorkingDays(today, 5), recent, null,
        EscalationLevel.NONE, null);
    item("coUnit", UNIT_B, List.of(UNIT_A), BOB, ItemStatus.IN_PROGRESS, today.plusDays(20), recent, null,
        EscalationLevel.NONE, null);
    // as the process does: one part per co-unit (协办)
    jdbc.update("insert into duban.co_unit_part (item_code, unit_id, status) values (?, ?, 'PENDING')",
        codes.get("coUnit"), UNIT_A);
    jdbc.update("update duban.item set leader_id = ? where code = ?", LEADER, codes.get("redSupervised"));
  }

  private void item(String role, String unit, List<String> coUnits, String assignee, ItemStatus status,
                    LocalDate deadline, Instant issuedAt, Instant closedAt, EscalationLevel level, Instant bulletinAt) {
    String code = report.prefix() + "-" + (codes.size() + 1);
    codes.put(role, code);
    jdbc.update("insert into duban.item (code, list_code, title, requirement, unit_id, co_unit_ids, assignee, deadline, "
            + "due_at, status, issued_by, issued_at, closed_at, escalation_level, bulletin_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?::varchar[], ?, ?, ?, ?, 'olivia', ?, ?, ?, ?, ?)",
        code, list, "督办台测试事项" + report.prefix() + " " + role, "要求：" + role, unit, "{" + String.join(",", coUnits) + "}",
        assignee, deadline, Timestamp.from(clock.endOfDay(deadline)), status.name(), Timestamp.from(issuedAt),
        closedAt == null ? null : Timestamp.from(closedAt), level.name(),
        bulletinAt == null ? null : Timestamp.from(bulletinAt), Timestamp.from(issuedAt));
  }

  // --- the figures, counted here from the read model ---------------------------------------------------------

  record Item(String code, String unitId, String assignee, ItemStatus status, LocalDate deadline, Instant dueAt,
              Instant issuedAt, Instant closedAt, EscalationLevel level, Instant bulletinAt) {

    boolean open() {
      return status != ItemStatus.CLOSED;
    }
  }

  List<Item> readModel(Predicate<Item> visible) {
    return jdbc.query("select * from duban.item where list_code = ?", (rs, n) -> new Item(rs.getString("code"),
        rs.getString("unit_id"), rs.getString("assignee"), ItemStatus.valueOf(rs.getString("status")),
        rs.getObject("deadline", LocalDate.class), rs.getTimestamp("due_at").toInstant(),
        rs.getTimestamp("issued_at").toInstant(), instant(rs.getTimestamp("closed_at")),
        EscalationLevel.valueOf(rs.getString("escalation_level")), instant(rs.getTimestamp("bulletin_at"))), list)
        .stream().filter(visible).toList();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  boolean inPeriod(Instant t) {
    return t != null && !t.isBefore(report.start()) && t.isBefore(report.end());
  }

  boolean closedOnTime(Item i) {
    return i.status() == ItemStatus.CLOSED && inPeriod(i.closedAt()) && !i.closedAt().isAfter(i.dueAt());
  }

  boolean closedLate(Item i) {
    return i.status() == ItemStatus.CLOSED && inPeriod(i.closedAt()) && i.closedAt().isAfter(i.dueAt());
  }

  /** Per unit: green, yellow, red, issued, closed on time, closed late, open overdue, extensions. */
  Map<String, List<Long>> expectedUnits(List<Item> items) {
    Instant yellowFrom = itemQueries.yellowFrom(now);
    Map<String, List<Long>> units = new TreeMap<>();
    for (Map.Entry<String, List<Item>> unit : items.stream().collect(Collectors.groupingBy(Item::unitId)).entrySet()) {
      List<Item> rows = unit.getValue();
      Map<ItemLight, Long> lights = rows.stream().filter(Item::open).collect(Collectors.groupingBy(
          i -> ItemLight.of(i.status(), i.dueAt(), i.closedAt(), now, yellowFrom, i.level()),
          Collectors.counting()));
      Set<String> codesOfUnit = rows.stream().map(Item::code).collect(Collectors.toSet());
      long extensions = jdbc.queryForList("select item_code, changed_at from duban.deadline_change where item_code = "
          + "any(?::varchar[])", "{" + String.join(",", codesOfUnit) + "}").stream()
          .filter(r -> inPeriod(((Timestamp) r.get("changed_at")).toInstant())).count();
      units.put(unit.getKey(), List.of(lights.getOrDefault(ItemLight.GREEN, 0L),
          lights.getOrDefault(ItemLight.YELLOW, 0L), lights.getOrDefault(ItemLight.RED, 0L),
          rows.stream().filter(i -> inPeriod(i.issuedAt())).count(),
          rows.stream().filter(this::closedOnTime).count(),
          rows.stream().filter(this::closedLate).count(),
          rows.stream().filter(i -> i.issuedAt().isBefore(now) && i.dueAt().isBefore(now)
              && (i.closedAt() == null || i.closedAt().isAfter(now))).count(),
          extensions));
    }
    return units;
  }

  Predicate<Item> scopeOf(String user) {
    return switch (user) {
      case OFFICE, LEADER, AUDITOR -> i -> true;
      case ALICE -> i -> UNIT_A.equals(i.unitId()) || ALICE.equals(i.assignee());
      default -> i -> user.equals(i.assignee());
    };
  }

  void assertDashboardMatchesTheReadModel(String user) {
    List<Item> items = readModel(scopeOf(user));
    Map<String, List<Long>> expected = expectedUnits(items);
    JsonNode d = as(user).get("/api/dashboard?" + report.query()).json();

    Map<String, List<Long>> actual = new TreeMap<>();
    for (JsonNode u : d.get("units")) {
      actual.put(u.get("unitId").asText(), List.of(u.get("green").asLong(), u.get("yellow").asLong(),
          u.get("red").asLong(), u.get("issued").asLong(), u.get("closedOnTime").asLong(),
          u.get("closedLate").asLong()));
      long onTime = u.get("closedOnTime").asLong();
      long late = u.get("closedLate").asLong();
      if (onTime + late == 0) {
        assertThat(u.get("onTimeRate").isNull()).isTrue();
      } else {
        assertThat(u.get("onTimeRate").asDouble()).isCloseTo(100.0 * onTime / (onTime + late),
            org.assertj.core.data.Offset.offset(0.05));
      }
    }
    assertThat(actual).as("per unit for %s", user).isEqualTo(expected.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, e -> e.getValue().subList(0, 6), (a, b) -> a, TreeMap::new)));
    assertThat(d.get("total").get("red").asLong()).isEqualTo(items.stream().filter(i -> i.open()
        && i.dueAt().isBefore(now)).count());

    // overdue people: open past the deadline now, closed late in the period
    Map<String, List<Long>> people = new TreeMap<>();
    items.stream().filter(i -> i.assignee() != null).collect(Collectors.groupingBy(Item::assignee)).forEach((p, rows) -> {
      long overdue = rows.stream().filter(i -> i.open() && i.dueAt().isBefore(now)).count();
      long late = rows.stream().filter(this::closedLate).count();
      if (overdue + late > 0) {
        people.put(p, List.of(overdue, late));
      }
    });
    Map<String, List<Long>> rankedPeople = new TreeMap<>();
    d.get("overduePeople").forEach(p -> rankedPeople.put(p.get("userId").asText(),
        List.of(p.get("overdue").asLong(), p.get("closedLate").asLong())));
    assertThat(rankedPeople).as("overdue people for %s", user).isEqualTo(people);

    LocalDate until = calendar.addWorkingDays(today, 5);
    assertThat(codesOf(d.get("dueSoon"))).as("due soon for %s", user).isEqualTo(items.stream()
        .filter(i -> i.open() && !i.dueAt().isBefore(now) && !i.deadline().isAfter(until))
        .map(Item::code).collect(Collectors.toSet()));
    assertThat(codesOf(d.get("supervised"))).as("督办 for %s", user).isEqualTo(items.stream()
        .filter(i -> i.open() && (i.level() == EscalationLevel.SUPERVISED || i.level() == EscalationLevel.BULLETINED))
        .map(Item::code).collect(Collectors.toSet()));

    // the trend: twelve months up to this one, issued and closed by month in the bureau's zone
    Map<String, List<Long>> months = new TreeMap<>();
    d.get("trend").forEach(m -> months.put(m.get("month").asText(), List.of(m.get("issued").asLong(),
        m.get("closedOnTime").asLong(), m.get("closedLate").asLong())));
    assertThat(months).hasSize(12).containsKey(YearMonth.from(today).toString());
    months.forEach((month, figures) -> {
      YearMonth m = YearMonth.parse(month);
      Predicate<Instant> in = t -> t != null && YearMonth.from(t.atZone(clock.zone())).equals(m);
      assertThat(figures).as("trend %s for %s", month, user).containsExactly(
          items.stream().filter(i -> in.test(i.issuedAt())).count(),
          items.stream().filter(i -> i.status() == ItemStatus.CLOSED && in.test(i.closedAt())
              && !i.closedAt().isAfter(i.dueAt())).count(),
          items.stream().filter(i -> i.status() == ItemStatus.CLOSED && in.test(i.closedAt())
              && i.closedAt().isAfter(i.dueAt())).count());
    });
  }

  void assertBulletinMatchesTheReadModel(String user) {
    List<Item> items = readModel(scopeOf(user));
    Map<String, List<Long>> expected = new TreeMap<>();
    expectedUnits(items).forEach((unit, f) -> expected.put(unit, List.of(f.get(3), f.get(4), f.get(5), f.get(6), f.get(7))));
    JsonNode b = as(user).get("/api/bulletin?" + report.query()).json();
    Map<String, List<Long>> actual = new TreeMap<>();
    b.get("units").forEach(u -> actual.put(u.get("unitId").asText(), List.of(u.get("issued").asLong(),
        u.get("closedOnTime").asLong(), u.get("closedLate").asLong(), u.get("openOverdue").asLong(),
        u.get("extensions").asLong())));
    assertThat(actual).as("通报 for %s", user).isEqualTo(expected);
    assertThat(codesOf(b.get("items"))).as("items marked for 通报 for %s", user).isEqualTo(items.stream()
        .filter(i -> inPeriod(i.bulletinAt())).map(Item::code).collect(Collectors.toSet()));
  }

  private static Set<String> codesOf(JsonNode lines) {
    var codes = new java.util.HashSet<String>();
    lines.forEach(l -> codes.add(l.get("code").asText()));
    return codes;
  }

  // --- the tests ---------------------------------------------------------------------------------------------

  @Test
  void dashboardFiguresEqualCountsFromTheReadModelForEveryRole() {
    for (String user : List.of(OFFICE, LEADER, AUDITOR, ALICE, ANDY, BOB)) {
      assertDashboardMatchesTheReadModel(user);
    }
    // and the data set really has something in every box
    JsonNode all = as(OFFICE).get("/api/dashboard?" + report.query()).json().get("total");
    assertThat(List.of("green", "yellow", "red", "issued", "closedOnTime", "closedLate"))
        .allSatisfy(f -> assertThat(all.get(f).asLong()).as(f).isPositive());
    assertThat(all.get("onTimeRate").asDouble()).isEqualTo(50.0);
  }

  @Test
  void bulletinFiguresEqualCountsFromTheReadModelForEveryRole() {
    for (String user : List.of(OFFICE, LEADER, AUDITOR, ALICE, ANDY, BOB)) {
      assertBulletinMatchesTheReadModel(user);
    }
    JsonNode b = as(OFFICE).get("/api/bulletin?" + report.query()).json();
    assertThat(codesOf(b.get("items"))).containsExactly(codes.get("redBulletined"));
    assertThat(b.get("total").get("extensions").asLong()).isEqualTo(1);
  }

  @Test
  void eachRoleSeesItsOwnScopeInTheJson() {
    assertThat(unitsOf(as(OFFICE).get("/api/dashboard?" + report.query()).json())).containsExactly(UNIT_A, UNIT_B);
    assertThat(unitsOf(as(AUDITOR).get("/api/dashboard?" + report.query()).json())).containsExactly(UNIT_A, UNIT_B);
    // the head of 甲科: 甲科's items only, not 乙科's item that 甲科 merely co-works on
    JsonNode alice = as(ALICE).get("/api/dashboard?" + report.query()).json();
    assertThat(unitsOf(alice)).containsExactly(UNIT_A);
    assertThat(alice.get("scope").asText()).contains("甲科");
    // a cadre: their own items
    JsonNode andy = as(ANDY).get("/api/dashboard?" + report.query()).json();
    assertThat(andy.get("total").get("red").asLong()).isEqualTo(1);
    assertThat(codesOf(andy.get("supervised"))).containsExactly(codes.get("redSupervised"));
    assertThat(andy.get("scope").asText()).isEqualTo("本人承办的事项");
    JsonNode bobBulletin = as(BOB).get("/api/bulletin?" + report.query()).json();
    assertThat(unitsOf(bobBulletin)).containsExactly(UNIT_B);
    assertThat(codesOf(as(ANDY).get("/api/bulletin?" + report.query()).json().get("items"))).isEmpty();
  }

  @Test
  void eachRoleSeesItsOwnScopeOnThePages() {
    String table = "/dashboard/items?list=" + list;
    String office = page(OFFICE, table);
    assertThat(codes.values()).allSatisfy(code -> assertThat(office).contains(code + "<"));
    String andy = page(ANDY, table);
    assertThat(andy).contains(codes.get("redSupervised") + "<", codes.get("closedOnTime") + "<")
        .doesNotContain(codes.get("yellow") + "<", codes.get("redBulletined") + "<", codes.get("issuedGreen") + "<");
    String alice = page(ALICE, table);
    assertThat(alice).contains(codes.get("issuedGreen") + "<", codes.get("redSupervised") + "<")
        .doesNotContain(codes.get("coUnit") + "<", codes.get("redBulletined") + "<");

    String bulletin = "/bulletin?" + report.query();
    assertThat(page(LEADER, bulletin)).contains(codes.get("redBulletined"), "乙科");
    assertThat(page(ALICE, bulletin)).doesNotContain(codes.get("redBulletined"), "乙科");
    assertThat(page(AUDITOR, bulletin)).contains(codes.get("redBulletined"));

    String dashboard = "/dashboard?" + report.query();
    assertThat(page(ANDY, dashboard)).contains(codes.get("redSupervised")).doesNotContain(codes.get("redBulletined"));
    assertThat(page(BOB, dashboard)).contains(codes.get("redBulletined")).doesNotContain(codes.get("redSupervised"));
    assertThat(page(OFFICE, dashboard)).contains(codes.get("redBulletined"), codes.get("redSupervised"),
        "/webjars/echarts/", "/dist/echarts.min.js", "id=\"dashboard-data\"");
  }

  @Test
  void lateReportsPerUnitEqualTheRowsOfTheReportViewDueInThePeriod() {
    // 反馈逾期 as item records them: the lead unit's, a co-unit's in its 协办反馈, one due before the period
    late(codes.get("yellow"), UNIT_A, false, today.minusDays(9), now.minus(Duration.ofDays(5)));
    late(codes.get("coUnit"), UNIT_B, false, today.minusDays(9), now.minus(Duration.ofDays(5)));
    late(codes.get("coUnit"), UNIT_A, true, today.minusDays(9), now.minus(Duration.ofDays(5)));
    late(codes.get("yellow"), UNIT_A, false, from.minusDays(14), report.start().minus(Duration.ofDays(3)));

    JsonNode d = as(OFFICE).get("/api/dashboard?" + report.query()).json();
    Map<String, Long> actual = new TreeMap<>();
    d.get("units").forEach(u -> actual.put(u.get("unitId").asText(), u.get("lateReports").asLong()));
    Map<String, Long> expected = new TreeMap<>();
    jdbc.query("select l.unit_id, count(*) from duban.late_report_report l join duban.item i on i.code = l.item_code "
        + "where i.list_code = ? and l.due_at >= ? and l.due_at < ? group by l.unit_id", rs -> {
          expected.put(rs.getString(1), rs.getLong(2));
        }, list, Timestamp.from(report.start()), Timestamp.from(report.end()));
    assertThat(expected).containsEntry(UNIT_A, 2L).containsEntry(UNIT_B, 1L);
    assertThat(actual).isEqualTo(expected);
    assertThat(d.get("total").get("lateReports").asLong()).isEqualTo(3);
    // bob, a cadre, sees his own items: both rows of the item he handles, not those of alice's item
    JsonNode bob = as(BOB).get("/api/dashboard?" + report.query()).json();
    assertThat(bob.get("total").get("lateReports").asLong()).isEqualTo(2);

    assertThat(page(OFFICE, "/dashboard?" + report.query())).contains("<th>反馈逾期</th>", "class=\"num late-reports\">3<");
  }

  void late(String code, String unitId, boolean coUnit, LocalDate periodEnd, Instant due) {
    jdbc.update("insert into duban.late_report (item_code, unit_id, co_unit, period_start, period_end, due_at, "
        + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)", code, unitId, coUnit, periodEnd.minusDays(6), periodEnd,
        Timestamp.from(due), Timestamp.from(due));
  }

  @Test
  void itemTableFiltersByLeaderDeadlineAndText() {
    String base = "/dashboard/items?list=" + list;
    assertThat(page(OFFICE, base + "&leader=" + LEADER)).contains(codes.get("redSupervised") + "<")
        .doesNotContain(codes.get("yellow") + "<");
    String window = page(OFFICE, base + "&from=" + today.plusDays(25) + "&to=" + today.plusDays(35));
    assertThat(window).contains(codes.get("issuedGreen") + "<").doesNotContain(codes.get("extension") + "<")
        .contains("共 1 项");
    assertThat(page(OFFICE, base + "&q=" + "returned")).contains(codes.get("returned") + "<", "共 1 项");
    assertThat(page(OFFICE, base + "&light=RED&unit=" + UNIT_B)).contains(codes.get("redBulletined") + "<", "共 1 项");
    assertThat(page(OFFICE, base + "&from=2026-13-01")).contains("不是日期");

    JsonNode json = as(OFFICE).get("/api/items?list=" + list + "&q=%25").json();
    assertThat(json.get("total").asLong()).isZero();
    json = as(OFFICE).get("/api/items?list=" + list + "&leader=" + LEADER + "&deadlineTo=" + today).json();
    assertThat(json.get("items")).singleElement().satisfies(i ->
        assertThat(i.get("code").asText()).isEqualTo(codes.get("redSupervised")));
    assertThat(as(OFFICE).get("/api/items?deadlineFrom=tomorrow").status()).isEqualTo(422);
  }

  @Test
  void itemPageShowsEveryFieldAndTheDeadlineChanges() {
    String page = page(OFFICE, "/items/" + codes.get("extension"));
    assertThat(page).contains("延期记录", "等待省局数据", today.plusDays(10).toString(), today.plusDays(40).toString(),
        "延期次数", "退回次数", "升级情况", "交办时间", "签收时间", "申请办结时间", "销号时间", "要求：extension");
    assertThat(page(OFFICE, "/items/" + codes.get("redBulletined"))).contains("已通报（列入通报）");
    assertThat(page(OFFICE, "/items/" + codes.get("coUnit"))).contains("甲科");
  }

  @Test
  void bulletinExportsTheSameFiguresAsXlsx() throws IOException {
    JsonNode b = as(OFFICE).get("/api/bulletin?" + report.query()).json();
    Http.Response response = as(OFFICE).get("/api/bulletin/export?" + report.query());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith(SupervisionController.XLSX);
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(as(OFFICE).getBytes("/api/bulletin/export?" + report.query())))) {
      Sheet sheet = workbook.getSheet("通报");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).endsWith("任务清单落实情况通报");
      assertThat(texts(sheet.getRow(3))).containsExactlyElementsOf(BulletinWorkbook.UNIT_COLUMNS);
      List<List<Object>> rows = new ArrayList<>();
      for (int r = 4; r < 4 + b.get("units").size(); r++) {
        Row row = sheet.getRow(r);
        rows.add(List.of(row.getCell(1).getStringCellValue(), (long) row.getCell(2).getNumericCellValue(),
            (long) row.getCell(3).getNumericCellValue(), (long) row.getCell(4).getNumericCellValue(),
            (long) row.getCell(6).getNumericCellValue(), (long) row.getCell(7).getNumericCellValue()));
      }
      List<List<Object>> expected = new ArrayList<>();
      b.get("units").forEach(u -> expected.add(List.of(u.get("unitName").asText(), u.get("issued").asLong(),
          u.get("closedOnTime").asLong(), u.get("closedLate").asLong(), u.get("openOverdue").asLong(),
          u.get("extensions").asLong())));
      assertThat(rows).isEqualTo(expected);
      String all = sheetText(sheet);
      assertThat(all).contains("合计", codes.get("redBulletined"), "列入通报的事项（1 项）");
    }
    // a cadre's export holds their own items only
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(as(ANDY).getBytes("/api/bulletin/export?" + report.query())))) {
      String andys = sheetText(workbook.getSheet("通报"));
      assertThat(andys).contains("甲科", "本人承办的事项", "列入通报的事项（0 项）").doesNotContain("乙科");
    }
  }

  @Test
  void badPeriodsAndListsAreRefusedWithChineseReasons() {
    Http.Response month = as(OFFICE).get("/api/dashboard?period=2026-13");
    assertThat(month.status()).isEqualTo(400);
    assertThat(month.contentType()).startsWith("application/problem+json");
    assertThat(month.json().get("errors").get(0).get("field").asText()).isEqualTo("period");
    assertThat(month.json().get("detail").asText()).contains("月份应在 1 到 12 之间");
    assertThat(as(OFFICE).get("/api/bulletin?period=2026-Q5").status()).isEqualTo(400);
    assertThat(as(OFFICE).get("/api/bulletin?from=2026-10-01").json().get("errors").get(0).get("field").asText())
        .isEqualTo("to");
    Http.Response unknownList = as(OFFICE).get("/api/dashboard?list=NO-SUCH-LIST");
    assertThat(unknownList.status()).isEqualTo(400);
    assertThat(unknownList.json().get("detail").asText()).contains("NO-SUCH-LIST", "不存在");
    assertThat(as(OFFICE).get("/api/dashboard?period=2026-11").json().get("period").get("from").asText())
        .isEqualTo("2026-11-01");
    // on the page the reason is shown and the default period used
    assertThat(page(OFFICE, "/dashboard?period=2026-13")).contains("月份应在 1 到 12 之间");
  }

  @Test
  void theDashboardIsForSignedInPeopleOnly() {
    Http anonymous = Http.anonymous(port);
    assertThat(anonymous.get("/api/dashboard").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/bulletin/export").status()).isEqualTo(401);
    assertThat(anonymous.get("/dashboard", "text/html").location()).endsWith("/login");
    assertThat(anonymous.get("/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(401);
    Http.Response echarts = as(ANDY).get("/webjars/echarts/dist/echarts.min.js");
    assertThat(echarts.status()).isEqualTo(200);
    assertThat(echarts.body()).contains("echarts");
  }

  private String page(String user, String path) {
    Http.Response response = as(user).get(path, "text/html");
    assertThat(response.status()).as(path).isEqualTo(200);
    return response.body();
  }

  private static List<String> unitsOf(JsonNode dashboard) {
    List<String> units = new ArrayList<>();
    dashboard.get("units").forEach(u -> units.add(u.get("unitId").asText()));
    return units;
  }

  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(c -> texts.add(c.getStringCellValue()));
    return texts;
  }

  private static String sheetText(Sheet sheet) {
    StringBuilder text = new StringBuilder();
    sheet.forEach(row -> row.forEach(c -> text.append(c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
        ? String.valueOf(c.getNumericCellValue()) : c.getStringCellValue()).append('\t')));
    return text.toString();
  }
}
