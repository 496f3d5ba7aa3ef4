package cn.duban.notify;

import static cn.duban.notify.NotifyFixtures.code;
import static cn.duban.notify.NotifyFixtures.inboxMessages;
import static cn.duban.notify.NotifyFixtures.messageOf;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.organisation.ContactService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;
import cn.duban.system.web.InvalidInputException;

/**
 * 企业微信, 钉钉 and SMS against local servers that speak each platform's HTTP API ({@link FakePlatforms}): the happy
 * path, expired tokens, rate limits, permanent errors, a node dying mid-send, quiet hours and preferences. Each test
 * works on its own day of a year no other test uses and passes instants explicitly.
 */
@DubanSpringTest
class PushChannelsIntegrationTest {

  static final int YEAR = 2096;
  static FakePlatforms platforms;

  @Autowired ApplicationContext context;
  @Autowired NotificationService notifications;
  @Autowired NotificationRepository repository;
  @Autowired ContactService contacts;
  @Autowired JdbcTemplate jdbc;
  @Autowired Users users;

  PushChannels push;

  /** The three push channels with what a test needs to know of each. */
  enum Push {
    WECOM("wecom", "touser", "alice.wx"),
    DINGTALK("dingtalk", "userid_list", "alice.dd"),
    SMS("sms", "PhoneNumbers", "13800138001");

    final String channel;
    final String recipientField;
    final String aliceAddress;

    Push(String channel, String recipientField, String aliceAddress) {
      this.channel = channel;
      this.recipientField = recipientField;
      this.aliceAddress = aliceAddress;
    }

    FakePlatforms.Platform platform() {
      return switch (this) {
        case WECOM -> platforms.wecom;
        case DINGTALK -> platforms.dingtalk;
        case SMS -> platforms.sms;
      };
    }

    NotificationChannel in(PushChannels push) {
      return switch (this) {
        case WECOM -> push.wecom;
        case DINGTALK -> push.dingtalk;
        case SMS -> push.sms;
      };
    }

    List<JsonNode> toAlice() {
      return platform().shownTo(recipientField, aliceAddress);
    }
  }

  @BeforeAll
  static void startPlatforms() {
    platforms = new FakePlatforms();
  }

  @AfterAll
  static void stopPlatforms() {
    platforms.close();
  }

  @BeforeEach
  void setUp() {
    push = PushChannels.of(context, platforms.baseUrl());
    contacts.set(ALICE, new ContactService.ContactsUpdate("13800138001", "alice.wx", "alice.dd"), users.get(ADMIN));
    contacts.set(BOB, new ContactService.ContactsUpdate("139 0013 9002", "bob.wx", null), users.get(ADMIN));
  }

  @AfterEach
  void tearDown() {
    jdbc.update("delete from duban.notification_preference where user_id in (?, ?)", ALICE, BOB);
    jdbc.update("delete from duban.notification_quiet_hours where user_id in (?, ?)", ALICE, BOB);
    for (Push p : Push.values()) {
      p.platform().next.clear();
      p.platform().unknown.clear();
    }
    ClockUtil.reset();
  }

  static Instant at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(NotifyFixtures.BUREAU).toInstant();
  }

  Notification supervision(String recipient, String code, LocalDate day) {
    return new Notification(recipient, NotificationKind.SUPERVISION, code, "开展第四季度发票风险排查", "SUPERVISION_ORDER",
        day.minusDays(5), day, null, "督查室督办要求：限 3 日内报送进度。", null);
  }

  DeliveryState delivery(long message, String channel) {
    return repository.deliveries(List.of(message)).stream().filter(d -> d.channel().equals(channel)).findFirst()
        .orElseThrow(() -> new AssertionError("no delivery of message " + message + " on " + channel));
  }

  long sentTo(Push p, String code) {
    return p.toAlice().stream().filter(m -> m.toString().contains(code)).count();
  }

  @Test
  void aSupervisionReachesThePersonOnEveryPushChannelWithItemDeadlineStepAndLink() throws Exception {
    LocalDate day = LocalDate.of(YEAR, 1, 6);
    String code = code(YEAR);
    notifications.enqueue(supervision(ALICE, code, day), at(day, 10, 0));

    push.deliverer().deliverDue(at(day, 10, 0));

    long message = messageOf(jdbc, code);
    assertThat(inboxMessages(jdbc, ALICE)).contains(message);
    JsonNode card = Push.WECOM.toAlice().stream().filter(m -> m.toString().contains(code)).findFirst().orElseThrow();
    assertThat(card.path("msgtype").asText()).isEqualTo("textcard");
    assertThat(card.path("agentid").asLong()).isEqualTo(1000002);
    assertThat(card.path("textcard").path("title").asText()).isEqualTo("【督办】" + code + " 开展第四季度发票风险排查");
    assertThat(card.path("textcard").path("description").asText())
        .contains("事项：" + code, "完成时限：" + day.minusDays(5), "环节：督办单", "督查室督办要求");
    assertThat(card.path("textcard").path("url").asText()).isEqualTo(PushChannels.BASE_URL + "/items/" + code);

    JsonNode ding = Push.DINGTALK.toAlice().stream().filter(m -> m.toString().contains(code)).findFirst().orElseThrow();
    assertThat(ding.path("agent_id").asLong()).isEqualTo(2000001);
    assertThat(ding.path("msg").path("action_card").path("markdown").asText())
        .contains("完成时限：" + day.minusDays(5), "环节：督办单");
    assertThat(ding.path("msg").path("action_card").path("single_url").asText()).endsWith("/items/" + code);

    JsonNode sms = Push.SMS.toAlice().stream().filter(m -> m.toString().contains(code)).findFirst().orElseThrow();
    assertThat(sms.path("TemplateCode").asText()).isEqualTo("SMS_100001");
    assertThat(sms.path("SignName").asText()).isEqualTo("督办系统");
    assertThat(sms.path("OutId").asText()).isEqualTo("duban-" + message);
    // nothing personal beyond the item's code and title
    assertThat(FakePlatforms.JSON.readTree(sms.path("TemplateParam").asText()).properties())
        .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("code", "title");

    for (Push p : Push.values()) {
      assertThat(delivery(message, p.channel).status()).as(p.channel).isEqualTo("SENT");
    }
    // nothing is sent again
    push.deliverer().deliverDue(at(day, 18, 0));
    for (Push p : Push.values()) {
      assertThat(sentTo(p, code)).as(p.channel).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Push.class, names = {"WECOM", "DINGTALK"})
  void anExpiredTokenIsReplacedAndTheSendRetriedOnce(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 7);
    String first = code(YEAR);
    notifications.enqueue(supervision(ALICE, first, day), at(day, 10, 0));
    push.deliverer().deliverDue(at(day, 10, 0));
    int tokens = p.platform().tokens.get();
    int sends = p.platform().sends.get();

    p.platform().expireTokens(); // 42001 / sub_code 42001 on the next send with the old token
    String second = code(YEAR);
    notifications.enqueue(supervision(ALICE, second, day), at(day, 11, 0));
    push.deliverer().deliverDue(at(day, 11, 0));

    assertThat(sentTo(p, second)).isEqualTo(1);
    assertThat(delivery(messageOf(jdbc, second), p.channel).attempts()).isEqualTo(1);
    assertThat(p.platform().tokens.get()).isEqualTo(tokens + 1);
    assertThat(p.platform().sends.get()).as("the refused send and its one retry").isEqualTo(sends + 2);
  }

  @ParameterizedTest
  @EnumSource(value = Push.class, names = {"WECOM", "DINGTALK"})
  void aTokenIsRefreshedBeforeItExpires(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 8);
    Instant start = at(day, 9, 0);
    ClockUtil.setCurrentTime(Date.from(start));
    notifications.enqueue(supervision(ALICE, code(YEAR), day), start);
    push.deliverer().deliverDue(start);
    AccessTokens tokens = p == Push.WECOM ? push.wecom.tokens() : push.dingtalk.tokens();
    assertThat(tokens.fetches()).isEqualTo(1);

    // 1 h 54 min later the 2-hour token is still good: kept
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(114))));
    notifications.enqueue(supervision(ALICE, code(YEAR), day), start.plus(Duration.ofMinutes(114)));
    push.deliverer().deliverDue(start.plus(Duration.ofMinutes(114)));
    assertThat(tokens.fetches()).isEqualTo(1);

    // within 5 minutes of its expiry it is replaced before it is used, without a refused send
    int sends = p.platform().sends.get();
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(116))));
    String late = code(YEAR);
    notifications.enqueue(supervision(ALICE, late, day), start.plus(Duration.ofMinutes(116)));
    push.deliverer().deliverDue(start.plus(Duration.ofMinutes(116)));
    assertThat(tokens.fetches()).isEqualTo(2);
    assertThat(p.platform().sends.get()).isEqualTo(sends + 1);
    assertThat(sentTo(p, late)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Push.class)
  void aRateLimitBacksOffWithoutCountingAsAFailedAttempt(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 9);
    Instant now = at(day, 10, 0);
    String code = code(YEAR);
    p.platform().fail(switch (p) {
      case WECOM -> 45009;
      case DINGTALK -> 90018;
      case SMS -> "isv.BUSINESS_LIMIT_CONTROL";
    });
    notifications.enqueue(supervision(ALICE, code, day), now);

    push.deliverer().deliverDue(now);
    long message = messageOf(jdbc, code);
    DeliveryState waiting = delivery(message, p.channel);
    assertThat(waiting.status()).isEqualTo("PENDING");
    assertThat(waiting.attempts()).as("not counted towards max-attempts").isZero();
    Duration wait = p == Push.SMS ? Duration.ofMinutes(10) : Duration.ofMinutes(1);
    assertThat(waiting.nextAttemptAt()).isEqualTo(now.plus(wait));
    assertThat(waiting.lastError()).doesNotContain("13800138001");
    assertThat(sentTo(p, code)).isZero();

    push.deliverer(List.of(p.in(push))).deliverDue(now.plus(wait).minusSeconds(1));
    assertThat(sentTo(p, code)).as("still backing off").isZero();
    push.deliverer(List.of(p.in(push))).deliverDue(now.plus(wait));
    assertThat(sentTo(p, code)).isEqualTo(1);
    assertThat(delivery(message, p.channel).status()).isEqualTo("SENT");
  }

  @ParameterizedTest
  @EnumSource(Push.class)
  void aPermanentErrorStopsRetryingAndKeepsThePlatformsReasonForAdmins(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 12);
    Instant now = at(day, 10, 0);
    String code = code(YEAR);
    p.platform().unknown.add(p.aliceAddress);
    notifications.enqueue(supervision(ALICE, code, day), now);

    push.deliverer().deliverDue(now);
    long message = messageOf(jdbc, code);
    DeliveryState failed = delivery(message, p.channel);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.failure()).isEqualTo("PERMANENT");
    assertThat(failed.lastError()).contains(switch (p) {
      case WECOM -> "81013";
      case DINGTALK -> "invalid_user_id_list";
      case SMS -> "isv.MOBILE_NUMBER_ILLEGAL";
    }).doesNotContain("13800138001");
    int sends = p.platform().sends.get();
    push.deliverer().deliverDue(now.plus(Duration.ofDays(1)));
    assertThat(p.platform().sends.get()).as("never tried again by itself").isEqualTo(sends);
    assertThat(inboxMessages(jdbc, ALICE)).contains(message);

    // the admins' view shows it with the reason, and a retry after the fix delivers it
    DeliveryOverview overview = context.getBean(DeliveryOverview.class);
    assertThat(overview.overview(p.channel, "FAILED", 1000).deliveries())
        .anySatisfy(d -> {
          assertThat(d.messageId()).isEqualTo(message);
          assertThat(d.statusLabel()).isEqualTo("失败（平台拒绝）");
          assertThat(d.recipientName()).isEqualTo("爱丽");
        });
    p.platform().unknown.clear();
    overview.retry(message, p.channel);
    push.deliverer(List.of(p.in(push))).deliverDue(now.plus(Duration.ofDays(1)));
    assertThat(delivery(message, p.channel).status()).isEqualTo("SENT");
  }

  @ParameterizedTest
  @EnumSource(Push.class)
  void aNodeKilledAfterThePlatformAcceptedAMessageDoesNotMakeThePersonGetItTwice(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 13);
    Instant now = at(day, 10, 0);
    String code = code(YEAR);
    notifications.enqueue(supervision(ALICE, code, day), now);
    int sends = p.platform().sends.get();

    // node one claims the message, the platform accepts it, the node dies before it records the outcome
    assertThatThrownBy(() -> push.dyingDeliverer(p.in(push)).deliverDue(now)).isInstanceOf(PushChannels.NodeDied.class);
    long message = messageOf(jdbc, code);
    assertThat(delivery(message, p.channel).status()).isEqualTo("SENDING");
    assertThat(sentTo(p, code)).isEqualTo(1);

    // node two finds the claim expired and completes the delivery: the person still has it once
    push.deliverer().deliverDue(now.plus(push.notify.sendTimeout()));
    assertThat(delivery(message, p.channel).status()).isEqualTo("SENT");
    assertThat(sentTo(p, code)).isEqualTo(1);
    if (p == Push.SMS) {
      // the SMS is not even sent again: the provider's QuerySendDetails knows its OutId
      assertThat(p.platform().sends.get()).isEqualTo(sends + 1);
    }
  }

  @ParameterizedTest
  @EnumSource(Push.class)
  void quietHoursHoldRemindersButNeitherTheInboxNorASupervision(Push p) {
    LocalDate day = LocalDate.of(YEAR, 1, 14);
    Instant night = at(day, 23, 0);
    String reminder = code(YEAR);
    String supervision = code(YEAR);
    // SMS carries only 督办 and 通报: its reminder is a 通报 here (urgent, like 督办) and its held kind does not exist
    NotificationKind held = p == Push.SMS ? null : NotificationKind.REMINDER;
    if (held != null) {
      notifications.enqueue(Notification.of(held, ALICE, reminder, "事项" + reminder, day.plusDays(3), day), night);
    }
    notifications.enqueue(supervision(ALICE, supervision, day), night);

    push.deliverer().deliverDue(night);
    assertThat(sentTo(p, supervision)).as("督办 goes at once, also at night").isEqualTo(1);
    if (held != null) {
      long message = messageOf(jdbc, reminder);
      assertThat(inboxMessages(jdbc, ALICE)).as("the inbox has it at once").contains(message);
      assertThat(sentTo(p, reminder)).isZero();
      assertThat(delivery(message, p.channel).nextAttemptAt()).isEqualTo(at(day.plusDays(1), 7, 30));
      push.deliverer().deliverDue(at(day.plusDays(1), 7, 29));
      assertThat(sentTo(p, reminder)).isZero();
      push.deliverer().deliverDue(at(day.plusDays(1), 7, 30));
      assertThat(sentTo(p, reminder)).as("in the morning").isEqualTo(1);
    }
  }

  @Test
  void aPersonWhoNarrowedTheQuietHoursGetsRemindersOutsideTheirs() {
    LocalDate day = LocalDate.of(YEAR, 1, 15);
    push.preferences.update(ALICE, new NotificationPreferences.Update(Map.of(), "23:30-07:00"));
    String early = code(YEAR);
    notifications.enqueue(Notification.of(NotificationKind.REMINDER, ALICE, early, "事项" + early, day.plusDays(3), day),
        at(day, 22, 30));
    push.deliverer().deliverDue(at(day, 22, 30));
    assertThat(sentTo(Push.WECOM, early)).isEqualTo(1);

    assertThatThrownBy(() -> push.preferences.update(ALICE, new NotificationPreferences.Update(Map.of(), "21:00-08:00")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("只能在单位的 22:00-07:30 之内缩短");
  }

  @Test
  void preferencesChooseThePushChannelsOfEachKind() {
    LocalDate day = LocalDate.of(YEAR, 1, 16);
    Instant now = at(day, 10, 0);
    push.preferences.update(ALICE, new NotificationPreferences.Update(
        Map.of(NotificationKind.REMINDER, List.of("dingtalk"), NotificationKind.SUPERVISION, List.of("sms")), null));
    String reminder = code(YEAR);
    String supervision = code(YEAR);
    notifications.enqueue(Notification.of(NotificationKind.REMINDER, ALICE, reminder, "事项" + reminder,
        day.plusDays(3), day), now);
    notifications.enqueue(supervision(ALICE, supervision, day), now);

    push.deliverer().deliverDue(now);

    assertThat(sentTo(Push.DINGTALK, reminder)).isEqualTo(1);
    assertThat(sentTo(Push.WECOM, reminder)).isZero();
    assertThat(repository.deliveries(List.of(messageOf(jdbc, reminder)))).extracting(DeliveryState::channel)
        .containsExactlyInAnyOrder("inbox", "dingtalk");
    assertThat(sentTo(Push.SMS, supervision)).isEqualTo(1);
    assertThat(sentTo(Push.WECOM, supervision)).isZero();
    assertThat(inboxMessages(jdbc, ALICE)).contains(messageOf(jdbc, reminder), messageOf(jdbc, supervision));

    // 督办 must keep a push channel; a channel that does not carry a kind cannot be chosen for it
    assertThatThrownBy(() -> push.preferences.update(ALICE, new NotificationPreferences.Update(
        Map.of(NotificationKind.SUPERVISION, List.of()), null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("「督办」必须至少通过一个推送渠道");
    assertThatThrownBy(() -> push.preferences.update(ALICE, new NotificationPreferences.Update(
        Map.of(NotificationKind.REMINDER, List.of("sms")), null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("「临期提醒」不能选择渠道「sms」");
  }

  @Test
  void aPersonWithoutAContactOnAChannelSimplyDoesNotGetItThere() {
    LocalDate day = LocalDate.of(YEAR, 1, 19);
    Instant now = at(day, 10, 0);
    String code = code(YEAR);
    notifications.enqueue(supervision(BOB, code, day), now); // bob has no 钉钉 userid

    push.deliverer().deliverDue(now);

    long message = messageOf(jdbc, code);
    Function<String, String> status = channel -> delivery(message, channel).status();
    assertThat(status.apply("dingtalk")).isEqualTo("SKIPPED");
    assertThat(delivery(message, "dingtalk").lastError()).isEqualTo("no 钉钉 userid");
    assertThat(status.apply("wecom")).isEqualTo("SENT");
    assertThat(status.apply("sms")).isEqualTo("SENT");
    assertThat(platforms.sms.shownTo("PhoneNumbers", "13900139002")).hasSize(1);
    assertThat(status.apply("inbox")).isEqualTo("SENT");
  }
}
