package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.chase;
import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.morning;
import static cn.duban.notify.NotifyFixtures.reminder;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.EVE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/** The inbox over HTTP, as the signed-in person's pages and scripts use it. */
@DubanSpringTest
class InboxApiHttpTest {

  static final int YEAR = 2095;

  @LocalServerPort int port;
  @Autowired NotificationService notifications;
  @Autowired NotificationDeliverer deliverer;
  @Autowired NotifyProperties properties;
  @Autowired OrganisationService organisation;

  /** A person of 甲科 with an empty inbox, new for each test. */
  String reader;

  @BeforeEach
  void newReader() {
    reader = "reader-" + UUID.randomUUID().toString().substring(0, 8);
    organisation.createUser(reader, "读者", reader + "@example.gov.cn", PASSWORD);
    organisation.ensureMembership(reader, TestBureau.UNIT_A);
  }

  Http as(String user) {
    return Http.basic(port, user, PASSWORD);
  }

  /** Two reminders on one day, then a digest of three overdue items on the next: three messages. */
  List<String> deliverThreeMessages() {
    LocalDate day = LocalDate.of(YEAR, 7, 1);
    Instant now = morning(day);
    String first = code(YEAR);
    String second = code(YEAR);
    notifications.enqueue(reminder(reader, first, day), now);
    notifications.enqueue(reminder(reader, second, day), now.plusSeconds(1));
    deliverer.deliverDue(now.plusSeconds(1));
    Instant later = morning(day.plusDays(1));
    for (int i = 0; i < 3; i++) {
      notifications.enqueue(chase(reader, code(YEAR), day.plusDays(1)), later);
    }
    deliverer.deliverDue(later.plus(properties.digestDelay()));
    return List.of(first, second);
  }

  @Test
  void listsOnesOwnMessagesNewestFirstWithTheirItems() {
    List<String> reminders = deliverThreeMessages();

    Http.Response response = as(reader).get("/api/notifications");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode page = response.json();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("unread").asLong()).isEqualTo(3);
    JsonNode items = page.get("items");
    assertThat(items).hasSize(3);

    JsonNode digest = items.get(0);
    assertThat(digest.get("kind").asText()).isEqualTo("CHASE");
    assertThat(digest.get("kindLabel").asText()).isEqualTo("逾期催办");
    assertThat(digest.get("subject").asText()).isEqualTo("【逾期催办】您有 3 个事项已逾期");
    assertThat(digest.get("read").asBoolean()).isFalse();
    assertThat(digest.get("items")).hasSize(3);
    assertThat(digest.get("items").get(0).get("link").asText()).startsWith("/items/DB" + YEAR);

    JsonNode newestReminder = items.get(1);
    assertThat(newestReminder.get("subject").asText()).isEqualTo("【临期提醒】" + reminders.get(1) + " 事项" + reminders.get(1));
    assertThat(newestReminder.get("link").asText()).isEqualTo("/items/" + reminders.get(1));
    assertThat(items.get(2).get("link").asText()).isEqualTo("/items/" + reminders.get(0));

    JsonNode second = as(reader).get("/api/notifications?page=1&size=2").json();
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("items").get(0).get("link").asText()).isEqualTo("/items/" + reminders.get(0));
    assertThat(as(reader).get("/api/notifications?size=0").status()).isEqualTo(422);

    // the page shows the same
    Http.Response html = as(reader).get("/notifications", "text/html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.body()).contains("我的通知", "【逾期催办】您有 3 个事项已逾期", "共 3 条，未读 3 条");
  }

  @Test
  void markingReadCountsDownAndReadAllClearsTheRest() {
    deliverThreeMessages();
    Http me = as(reader);
    assertThat(me.get("/api/notifications/unread-count").json().get("unread").asLong()).isEqualTo(3);

    long id = me.get("/api/notifications").json().get("items").get(0).get("id").asLong();
    assertThat(me.post("/api/notifications/" + id + "/read", "").status()).isEqualTo(204);
    assertThat(me.post("/api/notifications/" + id + "/read", "").status()).as("again: no change").isEqualTo(204);
    assertThat(me.get("/api/notifications/unread-count").json().get("unread").asLong()).isEqualTo(2);
    JsonNode unread = me.get("/api/notifications?unreadOnly=true").json();
    assertThat(unread.get("total").asLong()).isEqualTo(2);
    assertThat(unread.get("items").findValuesAsText("id")).doesNotContain(String.valueOf(id));
    JsonNode read = me.get("/api/notifications").json().get("items").get(0);
    assertThat(read.get("read").asBoolean()).isTrue();
    assertThat(read.get("readAt").isNull()).isFalse();

    Http.Response all = me.post("/api/notifications/read-all", "");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().get("marked").asInt()).isEqualTo(2);
    assertThat(me.get("/api/notifications/unread-count").json().get("unread").asLong()).isZero();
    assertThat(me.get("/api/notifications?unreadOnly=true").json().get("items")).isEmpty();
  }

  @Test
  void anotherPersonsMessageIsNotFound() {
    deliverThreeMessages();
    long id = as(reader).get("/api/notifications").json().get("items").get(0).get("id").asLong();

    Http.Response response = as(BOB).post("/api/notifications/" + id + "/read", "");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asText()).isEqualTo("通知「" + id + "」不存在。");
    assertThat(as(BOB).get("/api/notifications").json().get("items").findValuesAsText("id"))
        .doesNotContain(String.valueOf(id));
    assertThat(as(reader).post("/api/notifications/" + Long.MAX_VALUE + "/read", "").status()).isEqualTo(404);
    // bob's read-all leaves the reader's messages alone
    as(BOB).post("/api/notifications/read-all", "");
    assertThat(as(reader).get("/api/notifications/unread-count").json().get("unread").asLong()).isEqualTo(3);
  }

  @Test
  void unauthenticatedCallsAreRefusedAndAuditorsMayOnlyRead() {
    deliverThreeMessages();
    long id = as(reader).get("/api/notifications").json().get("items").get(0).get("id").asLong();
    Http anonymous = Http.anonymous(port);
    Http.Response list = anonymous.get("/api/notifications");
    assertThat(list.status()).isEqualTo(401);
    assertThat(list.json().get("detail").asText()).contains("请先登录");
    assertThat(anonymous.get("/api/notifications/unread-count").status()).isEqualTo(401);
    assertThat(anonymous.get("/notifications", "text/html").status()).isEqualTo(302);
    // a POST without credentials or session is stopped by Spring Security's CSRF check, which answers 403 before
    // authentication is asked for (SecurityConfiguration); either way nothing is marked read
    assertThat(anonymous.post("/api/notifications/" + id + "/read", "").status()).isEqualTo(401);
    assertThat(anonymous.post("/api/notifications/read-all", "").status()).isEqualTo(401);
    // wrong credentials (eve: the engine slows down logins of a user after a wrong password)
    assertThat(Http.basic(port, EVE, "wrong-password").post("/api/notifications/read-all", "").status())
        .isEqualTo(401);
    assertThat(as(reader).get("/api/notifications/unread-count").json().get("unread").asLong()).isEqualTo(3);

    Http auditor = as(AUDITOR);
    assertThat(auditor.get("/api/notifications").status()).isEqualTo(200);
    assertThat(auditor.post("/api/notifications/read-all", "").status()).isEqualTo(403);
  }
}
