package cn.duban.notify;

/**
 * What a notification is about: a stable English code, its Chinese label and whether several of one person and
 * day go out as one digest (汇总) instead of one by one.
 */
public enum NotificationKind {
  /** 临期提醒 (yellow light): the deadline is near. */
  REMINDER("临期提醒", false, "您有 %d 个事项即将到期", false),
  /** 逾期催办 (red light): the deadline has passed; repeated while the item stays overdue, so digested. */
  CHASE("逾期催办", true, "您有 %d 个事项已逾期", false),
  /** 督办: the supervising office takes the item up. */
  SUPERVISION("督办", false, "您有 %d 个事项被督办", true),
  /** 通报: bureau leadership is told. */
  BULLETIN("通报", false, "您有 %d 个事项被通报", true),
  /** 退回: the office returned the assignee's result at 审核销号; they work on it again. */
  RETURNED("退回", false, "您有 %d 个事项被退回", false),
  /** 销号: the item is signed off and closed. */
  SIGNED_OFF("销号", false, "您有 %d 个事项已销号", false),
  /** A unit's daily digest of its overdue items, posted by the unit's group robot (never to a person). */
  UNIT_DIGEST("部门逾期汇总", false, "本部门有 %d 个事项已逾期", false);

  private final String label;
  private final boolean digestible;
  private final String digestHeadline;
  private final boolean urgent;

  NotificationKind(String label, boolean digestible, String digestHeadline, boolean urgent) {
    this.label = label;
    this.digestible = digestible;
    this.digestHeadline = digestHeadline;
    this.urgent = urgent;
  }

  /** 督办 and 通报 reach people at once, also in their quiet hours; the others wait for the morning. */
  public boolean urgent() {
    return urgent;
  }

  /** The kinds people are told of (and choose channels for); a unit digest is for group robots. */
  public static java.util.List<NotificationKind> personal() {
    return java.util.Arrays.stream(values()).filter(k -> k != UNIT_DIGEST).toList();
  }

  public String label() {
    return label;
  }

  public boolean digestible() {
    return digestible;
  }

  /** The headline of a digest of {@code count} items, e.g. 您有 12 个事项已逾期. */
  public String digestHeadline(int count) {
    return digestHeadline.formatted(count);
  }
}
