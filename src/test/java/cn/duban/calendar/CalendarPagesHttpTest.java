package cn.duban.calendar;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * 节假日安排 on pages, as an admin does it without curl: the notice people see while a year is missing (plain for
 * cadres, with the way to fix it for admins), uploading a year's JSON file or typing its days in the table, with
 * every problem listed in Chinese and nothing stored until all is right. "Today" is 30 September 2026, so 2027 is
 * missing.
 */
@DubanSpringTest
class CalendarPagesHttpTest {

  /** A made-up 2027 in the published layout, as an admin would upload it (see {@link CalendarApiHttpTest}). */
  static final String GOOD_2027 = CalendarApiHttpTest.TEST_2027;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void todayIsTheWednesdayBeforeNationalDay2026() {
    CalendarApiHttpTest.todayIs30September2026();
  }

  @AfterEach
  void removeStoredYears() {
    ClockUtil.reset();
    Http admin = Http.basic(port, ADMIN, ADMIN_PASSWORD);
    for (int year : new int[] {2027, 2028}) {
      admin.delete("/api/calendar/" + year);
    }
  }

  Http signedIn(String user) {
    Http browser = Http.browser(port);
    Http.Response signIn = browser.signIn(user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
    assertThat(signIn.status()).as(signIn.body()).isEqualTo(302);
    return browser;
  }

  int stored(int year) {
    return jdbc.queryForObject("select count(*) from duban.calendar_year where year = ?", Integer.class, year);
  }

  @Test
  void cadresSeeAPlainNoticeAndAdminsTheWayToTheCalendarPage() {
    String cadre = signedIn(ALICE).get("/", "text/html").body();
    assertThat(cadre).contains("2027 年的法定节假日安排尚未载入", "暂按周一至周五计算工作日")
        .doesNotContain("/api/calendar", "PUT ", "/admin/calendar", "请管理员");

    String admin = signedIn(ADMIN).get("/", "text/html").body();
    assertThat(admin).contains("2027 年的法定节假日安排尚未载入", "href=\"/admin/calendar/2027\"", "录入 2027 年节假日安排")
        .doesNotContain("/api/calendar");
  }

  @Test
  void onlyAdminsOpenOrChangeTheCalendarPages() {
    for (String user : List.of(ALICE, OFFICE, AUDITOR)) {
      Http browser = signedIn(user);
      assertThat(browser.get("/admin", "text/html").status()).as(user).isEqualTo(403);
      assertThat(browser.get("/admin/calendar", "text/html").status()).as(user).isEqualTo(403);
      assertThat(browser.get("/admin/calendar/2027", "text/html").status()).as(user).isEqualTo(403);
      String token = browser.formToken("/notifications");
      assertThat(browser.upload("/admin/calendar/2027/upload", "2027.json", GOOD_2027.getBytes(StandardCharsets.UTF_8),
          Map.of("_csrf", token)).status()).as(user).isEqualTo(403);
      assertThat(browser.postRaw("/admin/calendar/2027", "application/x-www-form-urlencoded",
          "_csrf=" + token + "&date=2027-01-01&name=x&offDay=true").status()).as(user).isEqualTo(403);
    }
    assertThat(stored(2027)).isZero();
  }

  @Test
  void theOverviewShowsTheMissingYearAndTheShippedOnes() {
    String page = signedIn(ADMIN).get("/admin/calendar", "text/html").body();
    assertThat(page).contains("督办 · 节假日安排", "2027", "缺失", "（期限暂按周一至周五计算）", "2026", "随版本发布",
        "href=\"/admin/calendar/2027\"");
  }

  @Test
  void aBadUploadShowsEveryProblemInChineseAndStoresNothing() {
    Http admin = signedIn(ADMIN);
    Http.Response page = admin.upload("/admin/calendar/2027/upload", "2027.json", """
        {"year": 2026,
         "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
                  {"name": "春节", "date": "2027-02-30", "isOffDay": true},
                  {"name": "春节", "date": "2027-02-10", "isOffDay": false},
                  {"date": "2027-04-05", "isOffDay": "yes"}]}""".getBytes(StandardCharsets.UTF_8),
        Map.of("_csrf", admin.formToken("/admin/calendar/2027")));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("上传的文件中节假日安排有 6 处错误，未保存任何内容。",
        "年份</strong>：<span>内容中的年份 2026 与要保存的年份 2027 不一致",
        "days 第 2 项 日期</strong>：<span>日期 2027-01-01 重复",
        "days 第 3 项 日期</strong>：<span>「2027-02-30」不是有效日期",
        "days 第 4 项 放假/上班</strong>：<span>2027-02-10 是星期三，本来就是工作日",
        "days 第 5 项 名称</strong>：<span>缺少节日名称",
        "days 第 5 项 放假/上班</strong>：<span>isOffDay 只能是 true（放假）或 false（周末调休上班）");
    assertThat(stored(2027)).isZero();
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/api/calendar/2027").status()).isEqualTo(404);

    Http.Response notJson = admin.upload("/admin/calendar/2027/upload", "通知.docx", "PK\u0003\u0004 not json".getBytes(),
        Map.of("_csrf", admin.formToken("/admin/calendar/2027")));
    assertThat(notJson.status()).isEqualTo(200);
    assertThat(notJson.body()).contains("文件未能读取，未保存任何内容。", "「通知.docx」不是有效的 JSON 文件");
    assertThat(stored(2027)).isZero();
  }

  @Test
  void aGoodUploadIsUsedAtOnceAndTheNoticeGoesAway() {
    Http admin = signedIn(ADMIN);
    Http.Response saved = admin.upload("/admin/calendar/2027/upload", "2027.json",
        GOOD_2027.getBytes(StandardCharsets.UTF_8), Map.of("_csrf", admin.formToken("/admin/calendar/2027")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/admin/calendar/2027");

    String page = admin.get("/admin/calendar/2027", "text/html").body();
    assertThat(page).contains("已保存 2027 年的节假日安排：放假 3 天，调休上班 1 天，立即生效。", "管理员录入",
        "value=\"2027-02-06\"");
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/api/calendar/add?from=2027-02-05&workingDays=2").json()
        .get("result").asText()).as("the 调休 Saturday, then 8–9 February off").isEqualTo("2027-02-10");
    assertThat(signedIn(ALICE).get("/", "text/html").body()).doesNotContain("节假日安排尚未载入");

    Http.Response removed = admin.postForm("/admin/calendar/2027/remove",
        Map.of("_csrf", admin.formToken("/admin/calendar/2027")));
    assertThat(removed.status()).isEqualTo(302);
    assertThat(admin.get("/admin/calendar/2027", "text/html").body()).contains("已删除录入的 2027 年节假日安排");
    assertThat(stored(2027)).isZero();
  }

  @Test
  void theTableNamesTheRowsOfBadDaysAndKeepsWhatWasTyped() {
    Http admin = signedIn(ADMIN);
    List<String[]> rows = List.of(
        new String[] {"2027-01-01", "元旦", "true"},
        new String[] {"", "", "true"},
        new String[] {"2027-02-10", "春节", "false"},
        new String[] {"2028-01-03", "春节", "true"},
        new String[] {"2027-02-08", "", "true"});
    Http.Response page = admin.postRaw("/admin/calendar/2027", "application/x-www-form-urlencoded",
        table(admin.formToken("/admin/calendar/2027"), rows));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("节假日安排有 3 处错误，未保存任何内容。",
        "第 3 行 放假/上班</strong>：<span>2027-02-10 是星期三，本来就是工作日",
        "第 4 行 日期</strong>：<span>2028-01-03 不属于 2027 年",
        "第 5 行 名称</strong>：<span>缺少节日名称",
        "value=\"2028-01-03\"");
    assertThat(stored(2027)).isZero();

    Http.Response saved = admin.postRaw("/admin/calendar/2027", "application/x-www-form-urlencoded",
        table(admin.formToken("/admin/calendar/2027"), List.of(
            new String[] {"2027-01-01", "元旦", "true"},
            new String[] {"", "", "true"},
            new String[] {"2027-02-06", "春节", "false"},
            new String[] {"2027-02-08", "春节", "true"})));
    assertThat(saved.status()).as(saved.body()).isEqualTo(302);
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/api/calendar/2027").json().get("days").toString())
        .isEqualTo("[{\"date\":\"2027-01-01\",\"name\":\"元旦\",\"isOffDay\":true},"
            + "{\"date\":\"2027-02-06\",\"name\":\"春节\",\"isOffDay\":false},"
            + "{\"date\":\"2027-02-08\",\"name\":\"春节\",\"isOffDay\":true}]");
  }

  /** The table's form as a browser sends it: the three columns repeated row by row. */
  static String table(String csrf, List<String[]> rows) {
    List<String> fields = new ArrayList<>(List.of("_csrf=" + csrf, "papers="));
    for (String[] row : rows) {
      fields.add("date=" + URLEncoder.encode(row[0], StandardCharsets.UTF_8));
      fields.add("name=" + URLEncoder.encode(row[1], StandardCharsets.UTF_8));
      fields.add("offDay=" + row[2]);
    }
    return String.join("&", fields);
  }
}
