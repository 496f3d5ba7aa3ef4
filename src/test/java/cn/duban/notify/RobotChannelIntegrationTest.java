package cn.duban.notify;

import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemService;
import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;
import cn.duban.system.security.Roles;

/**
 * Units' group robots against local 钉钉, 企业微信 and 飞书 webhooks ({@link FakePlatforms}): signed posts, at most 20
 * a minute per robot, a post whose node died is never posted twice, and one digest per unit and day.
 */
@DubanSpringTest
class RobotChannelIntegrationTest {

  static final int YEAR = 2097;
  static FakePlatforms platforms;

  @Autowired ApplicationContext context;
  @Autowired NotificationRepository repository;
  @Autowired UnitRobots robots;
  @Autowired OrganisationService organisation;
  @Autowired RobotDigests digests;
  @Autowired ItemService items;
  @Autowired JdbcTemplate jdbc;
  @Autowired Users users;

  PushChannels push;

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
    platforms.robotSecrets.put("tok-ding", "SEC-ding-secret");
    platforms.robotSecrets.put("hook-feishu", "feishu-secret");
    robot("R-DING", "dingtalk", "/robot/send?access_token=tok-ding", "SEC-ding-secret");
    robot("R-WECOM", "wecom", "/cgi-bin/webhook/send?key=key-wecom", null);
    robot("R-FEISHU", "feishu", "/open-apis/bot/v2/hook/hook-feishu", "feishu-secret");
  }

  @AfterEach
  void tearDown() {
    jdbc.update("delete from duban.unit_robot");
    jdbc.update("delete from duban.robot_post_slot");
    platforms.robots.next.clear();
    ClockUtil.reset();
  }

  void robot(String unitId, String type, String path, String secret) {
    organisation.ensureGroup(unitId, "机器人测试" + unitId, Roles.TYPE_UNIT);
    robots.set(unitId, new UnitRobots.RobotRequest(type, platforms.baseUrl() + path, secret, null),
        users.get("admin"));
  }

  long digest(String unitId, LocalDate day, Instant now) {
    long id = repository.insertUnitDigest(RobotChannel.RECIPIENT_PREFIX + unitId, day,
        new MessageComposer.Text("【督办提醒】" + unitId + " 逾期事项（" + day + "）", "本部门有 1 个事项已逾期：\n1. DB-X 清理欠税",
            "/?light=RED"), 1, now).orElseThrow();
    repository.insertDelivery(id, RobotChannel.NAME, now);
    return id;
  }

  DeliveryState delivery(long message) {
    return repository.deliveries(List.of(message)).get(0);
  }

  /** The posts a webhook got of digests of {@code day} (the platforms are shared by the tests of this class). */
  List<JsonNode> posts(String webhook, LocalDate day) {
    return platforms.robots.shownTo("webhook", webhook).stream().filter(p -> p.toString().contains(day.toString()))
        .toList();
  }

  @Test
  void eachUnitsDigestIsPostedOnceSignedAsItsPlatformAsks() {
    LocalDate day = LocalDate.of(YEAR, 2, 1);
    Instant now = NotifyFixtures.morning(day);
    long ding = digest("R-DING", day, now);
    long wecom = digest("R-WECOM", day, now);
    long feishu = digest("R-FEISHU", day, now);

    push.deliverer().deliverDue(now);
    push.deliverer().deliverDue(now.plus(Duration.ofHours(1)));

    assertThat(posts("dingtalk:tok-ding", day)).singleElement().satisfies(p -> {
      assertThat(p.path("msgtype").asText()).isEqualTo("markdown");
      assertThat(p.path("markdown").path("text").asText()).contains("R-DING 逾期事项", "DB-X 清理欠税",
          PushChannels.BASE_URL + "/?light=RED");
    });
    assertThat(posts("wecom:key-wecom", day)).singleElement()
        .satisfies(p -> assertThat(p.path("markdown").path("content").asText()).contains("R-WECOM 逾期事项"));
    assertThat(posts("feishu:hook-feishu", day)).singleElement().satisfies(p -> {
      assertThat(p.path("msg_type").asText()).isEqualTo("text");
      assertThat(p.path("content").path("text").asText()).contains("R-FEISHU 逾期事项");
    });
    for (long message : List.of(ding, wecom, feishu)) {
      assertThat(delivery(message).status()).isEqualTo("SENT");
    }
  }

  @Test
  void aRefusedSignatureFailsForGoodWithThePlatformsReason() {
    LocalDate day = LocalDate.of(YEAR, 2, 2);
    Instant now = NotifyFixtures.morning(day);
    platforms.robotSecrets.put("tok-ding", "SEC-another-secret"); // the group's robot was re-created
    long ding = digest("R-DING", day, now);

    push.deliverer().deliverDue(now);

    DeliveryState failed = delivery(ding);
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(failed.failure()).isEqualTo("PERMANENT");
    assertThat(failed.lastError()).contains("310000", "签名密钥");
    assertThat(posts("dingtalk:tok-ding", day)).isEmpty();
  }

  @Test
  void aRobotNeverGetsMoreThanTwentyPostsAMinute() {
    LocalDate day = LocalDate.of(YEAR, 2, 3);
    Instant now = NotifyFixtures.morning(day);
    for (int i = 0; i < 25; i++) {
      robot("R-SHARED" + i, "dingtalk", "/robot/send?access_token=tok-shared", null); // one group for 25 units
      digest("R-SHARED" + i, day, now);
    }

    push.deliverer().deliverDue(now);
    assertThat(posts("dingtalk:tok-shared", day)).hasSize(20);
    push.deliverer().deliverDue(now.plusSeconds(30));
    assertThat(posts("dingtalk:tok-shared", day)).as("the minute is full").hasSize(20);
    push.deliverer().deliverDue(now.plusSeconds(61));
    assertThat(posts("dingtalk:tok-shared", day)).hasSize(25);
    assertThat(jdbc.queryForObject("select count(*) from duban.notification_delivery d join duban.notification_message m "
        + "on m.id = d.message_id where m.recipient like 'unit:R-SHARED%' and d.status = 'SENT' and d.attempts = 1",
        Long.class)).as("waiting for the limit is no failed attempt").isEqualTo(25);
  }

  @Test
  void aRateLimitAnswerBacksOff() {
    LocalDate day = LocalDate.of(YEAR, 2, 4);
    Instant now = NotifyFixtures.morning(day);
    platforms.robots.fail("RATE"); // 钉钉 130101: send too fast
    long ding = digest("R-DING", day, now);

    push.deliverer().deliverDue(now);
    assertThat(delivery(ding).status()).isEqualTo("PENDING");
    assertThat(delivery(ding).nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
    push.deliverer().deliverDue(now.plus(Duration.ofMinutes(1)));
    assertThat(delivery(ding).status()).isEqualTo("SENT");
    assertThat(posts("dingtalk:tok-ding", day)).hasSize(1);
  }

  @Test
  void aPostWhoseNodeDiedIsNeverPostedAgainByItselfButLeftToAnAdmin() {
    LocalDate day = LocalDate.of(YEAR, 2, 5);
    Instant now = NotifyFixtures.morning(day);
    long wecom = digest("R-WECOM", day, now);

    assertThatThrownBy(() -> push.dyingDeliverer(push.robot).deliverDue(now))
        .isInstanceOf(PushChannels.NodeDied.class);
    push.deliverer().deliverDue(now.plus(push.notify.sendTimeout()));

    assertThat(posts("wecom:key-wecom", day)).hasSize(1);
    DeliveryState inDoubt = delivery(wecom);
    assertThat(inDoubt.status()).isEqualTo("FAILED");
    assertThat(inDoubt.failure()).isEqualTo("IN_DOUBT");
    assertThat(inDoubt.lastError()).contains("结果未知");
    assertThat(DeliveryOverview.statusLabel(inDoubt)).isEqualTo("结果未知");
  }

  @Test
  void aUnitGetsOneDigestADayOfItsOverdueItemsFromNineOnWorkingDays() {
    ClockUtil.setCurrentTime(Date.from(java.time.LocalDateTime.of(2026, 11, 16, 10, 0)
        .atZone(NotifyFixtures.BUREAU).toInstant()));
    String code = items.issue(new ItemDraft("清理逾期未申报户", "逐户核实。", UNIT_B, BOB, List.of(), LEADER, "2026-11-20",
        null, null), users.get(OFFICE), false);
    jdbc.update("delete from duban.unit_robot");
    robot(UNIT_B, "wecom", "/cgi-bin/webhook/send?key=key-yik", null);
    Instant early = java.time.LocalDateTime.of(2026, 12, 2, 8, 59).atZone(NotifyFixtures.BUREAU).toInstant();
    Instant nine = java.time.LocalDateTime.of(2026, 12, 2, 9, 0).atZone(NotifyFixtures.BUREAU).toInstant();
    ClockUtil.setCurrentTime(Date.from(nine));

    assertThat(digests.composeDue(early)).isZero();
    assertThat(digests.composeDue(nine)).isEqualTo(1);
    assertThat(digests.composeDue(nine.plusSeconds(5))).as("another run, or another node").isZero();
    Instant saturday = java.time.LocalDateTime.of(2026, 12, 5, 9, 30).atZone(NotifyFixtures.BUREAU).toInstant();
    assertThat(digests.composeDue(saturday)).as("not on a day off").isZero();

    List<NotificationMessage> made = jdbc.queryForList("select id from duban.notification_message where recipient = ? "
        + "and kind = 'UNIT_DIGEST'", Long.class, "unit:" + UNIT_B).stream()
        .map(id -> repository.message(id).orElseThrow()).toList();
    assertThat(made).singleElement().satisfies(m -> {
      assertThat(m.day()).isEqualTo(LocalDate.of(2026, 12, 2));
      assertThat(m.subject()).isEqualTo("【督办提醒】乙科 逾期事项（2026-12-02）");
      assertThat(m.body()).contains(code + " 清理逾期未申报户（完成时限 2026-11-20", "承办人 鲍勃");
    });
    push.deliverer(List.of(push.robot)).deliverDue(nine);
    assertThat(posts("wecom:key-yik", LocalDate.of(2026, 12, 2))).singleElement()
        .satisfies(p -> assertThat(p.path("markdown").path("content").asText()).contains(code));
  }
}
