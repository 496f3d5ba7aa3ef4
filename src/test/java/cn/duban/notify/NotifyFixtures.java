package cn.duban.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notifications, settings and database look-ups for the notify tests.
 * <p>
 * Each test class works in a year of its own far in the future and passes instants explicitly, so the delivery job
 * of the shared test context (which runs on the engine's clock) never sees the tests' rows, and no test depends on
 * the machine's date.
 */
final class NotifyFixtures {

  static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

  private NotifyFixtures() {
  }

  /** 09:00 in the bureau on {@code day}. */
  static Instant morning(LocalDate day) {
    return day.atTime(9, 0).atZone(BUREAU).toInstant();
  }

  /** An item code no other test uses, e.g. DB2092-3f2a9c1b. */
  static String code(int year) {
    return "DB" + year + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Notification chase(String recipient, String code, LocalDate day) {
    return Notification.of(NotificationKind.CHASE, recipient, code, "事项" + code, day.minusDays(3), day);
  }

  static Notification reminder(String recipient, String code, LocalDate day) {
    return Notification.of(NotificationKind.REMINDER, recipient, code, "事项" + code, day.plusDays(3), day);
  }

  /** The defaults, with other attempts and back-off. */
  static NotifyProperties properties(int maxAttempts, Duration backoffBase) {
    return new NotifyProperties(false, Duration.ofSeconds(5), 50, maxAttempts, backoffBase, Duration.ofHours(1),
        Duration.ofMinutes(5), Duration.ofMinutes(10), "https://duban.example.gov.cn",
        new NotifyProperties.Inbox(true), new NotifyProperties.Email(true, "noreply@duban.example.gov.cn", "督办系统"));
  }

  static NotifyProperties properties(int batchSize) {
    NotifyProperties p = properties(10, Duration.ofSeconds(30));
    return new NotifyProperties(false, p.pollInterval(), batchSize, p.maxAttempts(), p.backoffBase(), p.backoffMax(),
        p.digestDelay(), p.sendTimeout(), p.baseUrl(), p.inbox(), p.email());
  }

  /** The id of the message a notification went out in, or null. */
  static Long messageOf(JdbcTemplate jdbc, String itemCode) {
    return jdbc.query("select message_id from duban.notification where item_code = ?",
        rs -> rs.next() ? (Long) rs.getObject(1) : null, itemCode);
  }

  /** The messages that went to a person's inbox, oldest first. */
  static List<Long> inboxMessages(JdbcTemplate jdbc, String recipient) {
    return jdbc.queryForList("select message_id from duban.inbox_message where recipient = ? order by message_id",
        Long.class, recipient);
  }

  /** A recipient no other test uses (the inbox does not need a Camunda user). */
  static String person(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
