package cn.duban.notify;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * The HTTP side of preferences, deliveries and robots: a person's own preferences (the shared test context has no
 * push channel configured, so only the inbox and quiet hours are choices here), the admins' deliveries and robots.
 */
@DubanSpringTest
class NotificationAdminHttpTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired NotificationService notifications;
  @Autowired NotificationDeliverer deliverer;

  @AfterEach
  void tearDown() {
    jdbc.update("delete from duban.notification_quiet_hours where user_id = ?", ALICE);
    jdbc.update("delete from duban.unit_robot");
  }

  Http alice() {
    return Http.basic(port, ALICE, PASSWORD);
  }

  Http admin() {
    return Http.basic(port, ADMIN, ADMIN_PASSWORD);
  }

  @Test
  void aPersonReadsAndNarrowsTheirOwnPreferences() {
    Http.Response preferences = alice().get("/api/me/notification-preferences");
    assertThat(preferences.status()).isEqualTo(200);
    assertThat(preferences.json().get("kinds").findValuesAsText("label"))
        .containsExactly("临期提醒", "逾期催办", "督办", "通报", "退回", "销号");
    assertThat(preferences.json().get("bureauQuietHours").asText()).isEqualTo("22:00-07:30");

    Http.Response narrowed = alice().put("/api/me/notification-preferences", Map.of("quietHours", "23:00-07:00"));
    assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
    assertThat(narrowed.json().get("effectiveQuietHours").asText()).isEqualTo("23:00-07:00");

    Http.Response wider = alice().put("/api/me/notification-preferences", Map.of("quietHours", "20:00-07:00"));
    assertThat(wider.status()).isEqualTo(422);
    assertThat(wider.json().get("detail").asText()).contains("只能在单位的 22:00-07:30 之内缩短");
    Http.Response garbled = alice().put("/api/me/notification-preferences", Map.of("quietHours", "晚上十点"));
    assertThat(garbled.status()).isEqualTo(422);
    assertThat(garbled.json().get("detail").asText()).contains("格式不对");
    Http.Response unconfigured = alice().put("/api/me/notification-preferences",
        Map.of("kinds", Map.of("REMINDER", List.of("wecom"))));
    assertThat(unconfigured.status()).isEqualTo(422);
    assertThat(unconfigured.json().get("detail").asText()).contains("「临期提醒」不能选择渠道「wecom」");
  }

  @Test
  void thePreferencesPageShowsTheInboxAsAlwaysOnAndTheQuietHours() {
    Http browser = Http.browser(port);
    browser.signIn(ALICE, PASSWORD);
    Http.Response page = browser.get("/notifications/preferences");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("通知设置", "站内通知", "22:00-07:30", "督办");
  }

  @Test
  void adminsSeeDeliveriesByChannelAndStateOthersDoNot() {
    java.time.LocalDate day = java.time.LocalDate.of(2098, 3, 2);
    notifications.enqueue(NotifyFixtures.reminder(ALICE, NotifyFixtures.code(2098), day), NotifyFixtures.morning(day));
    deliverer.deliverDue(NotifyFixtures.morning(day));

    Http.Response overview = admin().get("/api/admin/notifications?channel=inbox&limit=5");
    assertThat(overview.status()).isEqualTo(200);
    assertThat(overview.json().get("figures").findValuesAsText("channel")).contains("inbox", "email", "wecom",
        "dingtalk", "sms", "robot");
    assertThat(overview.json().get("deliveries").findValuesAsText("channel")).containsOnly("inbox");
    assertThat(admin().get("/api/admin/notifications?status=LOST").status()).isEqualTo(422);
    assertThat(alice().get("/api/admin/notifications").status()).isEqualTo(403);

    Http browser = Http.browser(port);
    browser.signIn(ADMIN, ADMIN_PASSWORD);
    Http.Response page = browser.get("/admin/notifications");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("推送记录", "各渠道统计", "企业微信", "钉钉", "短信", "群机器人");
  }

  @Test
  void anAdminSetsAUnitsRobotWhoseTokenAndSecretAreNeverShown() {
    Http.Response set = admin().put("/api/admin/units/" + UNIT_B + "/robot", Map.of("type", "dingtalk",
        "webhook", "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef0123", "secret", "SECabc123"));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).doesNotContain("0123456789abcdef0123", "SECabc123");
    assertThat(set.json().get("webhook").asText()).isEqualTo("https://oapi.dingtalk.com/robot/send?****0123");
    assertThat(admin().get("/api/admin/units/" + UNIT_B + "/robot").json().get("secret").asText()).isEqualTo("******");

    Http.Response badType = admin().put("/api/admin/units/" + UNIT_B + "/robot", Map.of("type", "qq",
        "webhook", "https://example.invalid/hook"));
    assertThat(badType.status()).isEqualTo(422);
    assertThat(badType.json().get("detail").asText()).contains("dingtalk（钉钉）");
    assertThat(admin().put("/api/admin/units/NOPE/robot", Map.of("type", "wecom", "webhook",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")).status()).isEqualTo(404);
    assertThat(Http.basic(port, BOB, PASSWORD).put("/api/admin/units/" + UNIT_B + "/robot", Map.of("type", "wecom",
        "webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")).status()).isEqualTo(403);

    Http browser = Http.browser(port);
    browser.signIn(ADMIN, ADMIN_PASSWORD);
    Http.Response page = browser.get("/admin/robots");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("群机器人", "乙科", "send?****0123").doesNotContain("SECabc123");

    assertThat(admin().delete("/api/admin/units/" + UNIT_B + "/robot").status()).isEqualTo(204);
    assertThat(admin().get("/api/admin/units/" + UNIT_B + "/robot").status()).isEqualTo(404);
  }
}
