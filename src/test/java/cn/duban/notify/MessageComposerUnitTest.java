package cn.duban.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The texts of messages and e-mails, and the back-off, without database or engine. */
class MessageComposerUnitTest {

  final LocalDate day = LocalDate.of(2026, 12, 31);

  Notification chase(String code, String title, LocalDate deadline) {
    return Notification.of(NotificationKind.CHASE, "huangjunjie", code, title, deadline, day);
  }

  @Test
  void aSingleNotificationKeepsItsOwnSubjectBodyAndLink() {
    MessageComposer.Text text = MessageComposer.compose(List.of(chase("DB2026-0007", "开展发票风险排查", day.minusDays(1))));

    assertThat(text.subject()).isEqualTo("【逾期催办】DB2026-0007 开展发票风险排查");
    assertThat(text.body()).isEqualTo("事项已于 2026-12-30 逾期，请尽快办理。");
    assertThat(text.link()).isEqualTo("/items/DB2026-0007");
  }

  @Test
  void aDigestListsEveryItemByDeadline() {
    MessageComposer.Text text = MessageComposer.compose(List.of(
        chase("DB2026-0002", "清理欠税", day.minusDays(1)),
        chase("DB2026-0001", "发票风险排查", day.minusDays(9)),
        chase("DB2026-0003", "纳税信用评价", day.minusDays(1))));

    assertThat(text.subject()).isEqualTo("【逾期催办】您有 3 个事项已逾期");
    assertThat(text.body()).isEqualTo("""
        您有 3 个事项已逾期：
        1. DB2026-0001 发票风险排查（完成时限 2026-12-22）
        2. DB2026-0002 清理欠税（完成时限 2026-12-30）
        3. DB2026-0003 纳税信用评价（完成时限 2026-12-30）""");
    assertThat(text.link()).isNull();
  }

  @Test
  void onlyChasesAreDigested() {
    assertThat(NotificationKind.CHASE.digestible()).isTrue();
    assertThat(List.of(NotificationKind.REMINDER, NotificationKind.SUPERVISION, NotificationKind.BULLETIN))
        .noneMatch(NotificationKind::digestible);
    assertThat(NotificationKind.BULLETIN.label()).isEqualTo("通报");
  }

  @Test
  void aNotificationNeedsItsDedupKeyAndGetsDefaultsForTheRest() {
    Notification n = new Notification("lihui", NotificationKind.REMINDER, "DB2026-0001", "事项", null, day, day,
        null, null, null);
    assertThat(n.step()).isEqualTo("REMINDER");
    assertThat(n.subject()).isEqualTo("【临期提醒】DB2026-0001 事项");
    assertThat(n.link()).isEqualTo("/items/DB2026-0001");
    assertThatThrownBy(() -> new Notification("lihui", NotificationKind.REMINDER, "DB2026-0001", "事项", null, day,
        null, null, null, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("day");
  }

  @Test
  void theMailOfADigestLinksEveryItemAndItsMessageIdStaysTheSame() {
    var message = new NotificationMessage(42, "huangjunjie", NotificationKind.CHASE, day, "【逾期催办】您有 2 个事项已逾期",
        "…", null, List.of(chase("DB2026-0001", "发票风险排查", day.minusDays(9)),
        chase("DB2026-0002", "清理欠税", day.minusDays(1))), Instant.parse("2026-12-31T01:00:00Z"));

    String body = MailText.body(message, "黄俊杰", "https://duban.tax.example");

    assertThat(body).isEqualTo("""
        黄俊杰，您好：

        您有 2 个事项已逾期：

        1. DB2026-0001 发票风险排查（完成时限 2026-12-22）
           事项已于 2026-12-22 逾期，请尽快办理。
           查看事项：https://duban.tax.example/items/DB2026-0001

        2. DB2026-0002 清理欠税（完成时限 2026-12-30）
           事项已于 2026-12-30 逾期，请尽快办理。
           查看事项：https://duban.tax.example/items/DB2026-0002

        全部通知：https://duban.tax.example/notifications

        （本邮件由督办系统自动发送，请勿直接回复。）
        """);
    assertThat(MailText.messageId(message, "https://duban.tax.example")).isEqualTo("<notification-42@duban.tax.example>");
    assertThat(MailText.messageId(message, "not a url")).isEqualTo("<notification-42@duban>");
  }

  @Test
  void theBackoffDoublesUpToItsMaximum() {
    NotifyProperties properties = NotifyFixtures.properties(10, Duration.ofSeconds(30));
    assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.backoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.backoff(4)).isEqualTo(Duration.ofMinutes(4));
    assertThat(properties.backoff(9)).isEqualTo(Duration.ofHours(1));
    assertThat(properties.backoff(500)).isEqualTo(Duration.ofHours(1));
  }
}
