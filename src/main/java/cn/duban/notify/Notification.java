package cn.duban.notify;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One notification for one person about one item, as the escalation ladder enqueues it.
 * <p>
 * The dedup key is (item, step, kind, deadline, day, recipient): enqueueing the same notification again (a retried
 * job, a second node) stores nothing new. So {@code day} must come from what the step is about (the day the timer
 * was due, in the bureau's zone), not from "now": a job retried after midnight must produce the same day.
 * A new deadline (延期) makes a new key, so an extended item is reminded again.
 *
 * @param recipient user id of the person told
 * @param kind      临期提醒, 逾期催办, 督办 or 通报
 * @param itemCode  the item's code, e.g. DB2026-0001
 * @param itemTitle the item's title (事项名称)
 * @param step      the escalation step, e.g. {@code REMINDER}, {@code CHASE}, {@code SUPERVISION_LEADER}: the same
 *                  item, kind and day may be sent for two steps
 * @param deadline  the item's deadline (完成时限) when the step ran
 * @param day       the day the notification is for, in the bureau's zone
 * @param subject   the Chinese subject, e.g. 【逾期催办】DB2026-0001 开展发票风险排查
 * @param body      the Chinese body line, e.g. 事项已于 2026-12-31 逾期，请尽快办理。
 * @param link      the path of the item's page, e.g. {@code /items/DB2026-0001}
 */
public record Notification(String recipient, NotificationKind kind, String itemCode, String itemTitle, String step,
                           LocalDate deadline, LocalDate day, String subject, String body, String link) {

  public Notification {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(itemCode, "itemCode");
    Objects.requireNonNull(itemTitle, "itemTitle");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(day, "day");
    step = step == null || step.isBlank() ? kind.name() : step;
    subject = subject == null || subject.isBlank() ? defaultSubject(kind, itemCode, itemTitle) : subject;
    body = body == null ? "" : body;
    link = link == null || link.isBlank() ? itemLink(itemCode) : link;
  }

  /**
   * A notification with the usual subject (【逾期催办】DB2026-0001 事项名称), body line and link; {@code step} is the
   * kind's name.
   */
  public static Notification of(NotificationKind kind, String recipient, String itemCode, String itemTitle,
                                LocalDate deadline, LocalDate day) {
    return new Notification(recipient, kind, itemCode, itemTitle, kind.name(), deadline, day, null,
        defaultBody(kind, deadline), null);
  }

  public static String itemLink(String itemCode) {
    return "/items/" + itemCode;
  }

  static String defaultSubject(NotificationKind kind, String itemCode, String itemTitle) {
    return "【" + kind.label() + "】" + itemCode + " " + itemTitle;
  }

  static String defaultBody(NotificationKind kind, LocalDate deadline) {
    return switch (kind) {
      case REMINDER -> "事项将于 " + deadline + " 到期，请抓紧办理。";
      case CHASE -> "事项已于 " + deadline + " 逾期，请尽快办理。";
      case SUPERVISION -> "事项完成时限为 " + deadline + "，已逾期，督查室已启动督办。";
      case BULLETIN -> "事项完成时限为 " + deadline + "，逾期未办结，列入通报。";
      case RETURNED -> "督查室审核未通过，事项已退回，请按审核意见继续办理。";
      case SIGNED_OFF -> "事项已通过审核，予以销号。";
      case UNIT_DIGEST -> "事项完成时限为 " + deadline + "，已逾期。";
    };
  }
}
