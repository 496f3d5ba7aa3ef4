package cn.duban.calendar;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * The calendar over HTTP as people and scripts use it: counting, what is loaded, and admins storing a year.
 * "Today" is Wednesday 30 September 2026 (through the engine clock), whatever the machine's date.
 */
@DubanSpringTest
class CalendarApiHttpTest {

  /** A made-up arrangement for tests, not the State Council's: Saturday 6 February 2027 worked for 春节. */
  static final String TEST_2027 = """
      {"year": 2027, "papers": ["https://example.gov.cn/test-2027"],
       "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                {"name": "春节", "date": "2027-02-06", "isOffDay": false},
                {"name": "春节", "date": "2027-02-08", "isOffDay": true},
                {"name": "春节", "date": "2027-02-09", "isOffDay": true}]}""";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CalendarService calendar;

  Http as(String user) {
    return Http.basic(port, user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
  }

  @BeforeEach
  void todayIsTheWednesdayBeforeNationalDay2026() {
    todayIs30September2026();
  }

  /** Through the engine clock: 2027's arrangement is missing then, and National Day's holidays are ahead. */
  static void todayIs30September2026() {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(LocalDateTime.parse("2026-09-30T10:00"),
        ZoneId.of("Asia/Shanghai")).toInstant()));
  }

  @AfterEach
  void removeStoredYears() {
    ClockUtil.reset();
    for (int year : new int[] {2026, 2027, 2028}) {
      as(ADMIN).delete("/api/calendar/" + year);
    }
  }

  static void assertProblem(Http.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
  }

  @Test
  void addCountsWorkingDaysAcrossNationalDay() {
    Http.Response response = as(ALICE).get("/api/calendar/add?from=2026-09-30&workingDays=3");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode sum = response.json();
    assertThat(sum.get("from").asText()).isEqualTo("2026-09-30");
    assertThat(sum.get("workingDays").asInt()).isEqualTo(3);
    assertThat(sum.get("result").asText()).as("the 8th, the 9th and the 调休 Saturday").isEqualTo("2026-10-10");
    assertThat(sum.get("fallbackUsed").asBoolean()).isFalse();

    assertThat(as(ALICE).get("/api/calendar/add?from=2026-10-08&workingDays=-1").json().get("result").asText())
        .isEqualTo("2026-09-30");
  }

  @Test
  void addIntoAYearWithoutArrangementSaysItFellBack() {
    JsonNode sum = as(ALICE).get("/api/calendar/add?from=2030-09-30&workingDays=3").json();
    assertThat(sum.get("result").asText()).as("Monday to Friday only").isEqualTo("2030-10-03");
    assertThat(sum.get("fallbackUsed").asBoolean()).isTrue();
    assertThat(sum.get("fallbackYears").toString()).isEqualTo("[2030]");
    assertThat(as(ALICE).get("/api/calendar/status").json().get("fallbackYearsUsed").toString()).contains("2030");
  }

  @Test
  void addRefusesBadParametersInChinese() {
    Http.Response response = as(ALICE).get("/api/calendar/add?from=2026-02-30&workingDays=three");
    assertProblem(response, 422);
    assertThat(response.json().findValuesAsText("field")).containsExactly("from", "workingDays");
    assertThat(response.json().get("detail").asText()).isEqualTo("参数有误：「2026-02-30」不是有效日期，请写成 2026-09-30 的形式");

    Http.Response missing = as(ALICE).get("/api/calendar/add");
    assertProblem(missing, 422);
    assertThat(missing.json().findValuesAsText("message"))
        .containsExactly("请填写起算日期 from，如 2026-09-30", "请填写工作日数 workingDays，如 3");
  }

  @Test
  void showsAShippedYearWithItsSourceAndRefusesAMissingOne() {
    JsonNode year = as(ALICE).get("/api/calendar/2026").json();
    assertThat(year.get("source").asText()).isEqualTo("classpath");
    assertThat(year.get("days")).hasSize(39);
    assertThat(year.get("days").get(0).toString()).isEqualTo("{\"date\":\"2026-01-01\",\"name\":\"元旦\",\"isOffDay\":true}");

    Http.Response missing = as(ALICE).get("/api/calendar/2031");
    assertProblem(missing, 404);
    assertThat(missing.json().get("detail").asText()).startsWith("2031 年的节假日安排尚未载入");
  }

  @Test
  void statusWarnsWhileNextYearIsMissing() {
    JsonNode status = as(ALICE).get("/api/calendar/status").json();
    assertThat(status.get("today").asText()).isEqualTo("2026-09-30");
    assertThat(status.get("loadedYears").toString()).isEqualTo("[2024,2025,2026]");
    assertThat(status.get("missingYears").toString()).isEqualTo("[2027]");
    assertThat(status.get("fallbackInUse").asBoolean()).isTrue();
    assertThat(status.get("message").asText()).startsWith("2027 年的法定节假日安排尚未载入");
  }

  @Test
  void onlyAdminsStoreAYear() {
    Http.Response cadre = as(ALICE).put("/api/calendar/2027", TEST_2027);
    assertProblem(cadre, 403);
    assertThat(cadre.json().get("detail").asText()).isEqualTo("只有管理员可以修改工作日历（节假日安排）。");
    assertProblem(as(AUDITOR).put("/api/calendar/2027", TEST_2027), 403);
    assertProblem(as(ALICE).delete("/api/calendar/2026"), 403);
    assertProblem(as(ALICE).get("/api/calendar/2027"), 404);
  }

  @Test
  void anInvalidYearIsRefusedWithEveryProblemAndNothingIsStored() {
    Http.Response response = as(ADMIN).put("/api/calendar/2028", """
        {"year": 2027,
         "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true},
                  {"name": "元旦", "date": "2028-01-01", "isOffDay": true},
                  {"name": "春节", "date": "2027-10-01", "isOffDay": true},
                  {"name": "春节", "date": "2028-02-30", "isOffDay": true},
                  {"name": "春节", "date": "2028-02-09", "isOffDay": false},
                  {"date": "2028-04-04"}]}""");
    assertProblem(response, 422);
    assertThat(response.json().get("detail").asText()).isEqualTo("节假日安排有 7 处错误，未保存任何内容。");
    assertThat(response.json().findValuesAsText("field")).containsExactly("year", "days[1].date", "days[2].date",
        "days[3].date", "days[4].isOffDay", "days[5].name", "days[5].isOffDay");
    assertThat(response.json().at("/errors/4/message").asText()).startsWith("2028-02-09 是星期三，本来就是工作日");

    assertThat(jdbc.queryForObject("select count(*) from duban.calendar_year where year = 2028", Integer.class)).isZero();
    assertProblem(as(ADMIN).get("/api/calendar/2028"), 404);
  }

  @Test
  void aStoredYearIsUsedAtOnce() {
    Http admin = as(ADMIN);
    Http.Response stored = admin.put("/api/calendar/2027", TEST_2027);
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    assertThat(stored.json().get("source").asText()).isEqualTo("database");
    assertThat(stored.json().get("updatedBy").asText()).isEqualTo(ADMIN);
    assertThat(stored.json().get("days")).hasSize(4);

    JsonNode status = as(ALICE).get("/api/calendar/status").json();
    assertThat(status.get("loadedYears").toString()).isEqualTo("[2024,2025,2026,2027]");
    assertThat(status.get("missingYears").toString()).isEqualTo("[]");
    assertThat(status.get("fallbackInUse").asBoolean()).isFalse();
    assertThat(status.get("message").isNull()).isTrue();

    JsonNode sum = as(ALICE).get("/api/calendar/add?from=2027-02-05&workingDays=2").json();
    assertThat(sum.get("result").asText()).as("the stored 调休 Saturday, then 8–9 February off").isEqualTo("2027-02-10");
    assertThat(sum.get("fallbackUsed").asBoolean()).isFalse();
    assertThat(as(ALICE).get("/api/calendar/2027").json().get("source").asText()).isEqualTo("database");

    assertThat(admin.delete("/api/calendar/2027").status()).isEqualTo(204);
    assertThat(as(ALICE).get("/api/calendar/status").json().get("missingYears").toString()).isEqualTo("[2027]");
    assertProblem(admin.delete("/api/calendar/2027"), 404);
  }

  @Test
  void aYearStoredByAnotherNodeIsPickedUp() {
    // another duban node wrote 2027 straight into the shared database
    jdbc.update("insert into duban.calendar_year (year, updated_by, updated_at) values (2027, 'node-2', now())");
    jdbc.update("insert into duban.calendar_day (year, day, name, is_off_day) values (2027, '2027-01-01', '元旦', true)");
    assertProblem(as(ALICE).get("/api/calendar/2027"), 404);

    calendar.checkForChanges(true); // what this node does by itself within a minute
    JsonNode year = as(ALICE).get("/api/calendar/2027").json();
    assertThat(year.get("source").asText()).isEqualTo("database");
    assertThat(year.get("updatedBy").asText()).isEqualTo("node-2");
    assertThat(as(ALICE).get("/api/calendar/add?from=2026-12-31&workingDays=1").json().get("result").asText())
        .isEqualTo("2027-01-04");
  }

  @Test
  void aStoredYearOverridesTheShippedFileUntilRemoved() {
    // 2026 as shipped, but without the 调休 Saturday 10 October
    JsonNode shipped = as(ADMIN).get("/api/calendar/2026").json();
    ArrayNode days = (ArrayNode) shipped.get("days");
    for (int i = days.size() - 1; i >= 0; i--) {
      if (days.get(i).get("date").asText().equals("2026-10-10")) {
        days.remove(i);
      }
    }
    String changed = "{\"year\": 2026, \"days\": " + days + "}";
    Http.Response stored = as(ADMIN).put("/api/calendar/2026", changed);
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    assertThat(stored.json().get("overridesClasspath").asBoolean()).isTrue();
    assertThat(as(ALICE).get("/api/calendar/add?from=2026-09-30&workingDays=3").json().get("result").asText())
        .isEqualTo("2026-10-12");

    assertThat(as(ADMIN).delete("/api/calendar/2026").status()).isEqualTo(204);
    assertThat(as(ALICE).get("/api/calendar/2026").json().get("source").asText()).isEqualTo("classpath");
    assertThat(as(ALICE).get("/api/calendar/add?from=2026-09-30&workingDays=3").json().get("result").asText())
        .isEqualTo("2026-10-10");
  }
}
