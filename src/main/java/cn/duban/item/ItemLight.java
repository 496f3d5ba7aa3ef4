package cn.duban.item;

import java.time.Instant;

/**
 * Traffic light of an item: green, yellow (due soon) or red (overdue) while open; on time or late once closed.
 * Derived from the deadline and the clock, so it is never stale.
 */
public enum ItemLight {
  GREEN("绿灯：正常推进"),
  YELLOW("黄灯：临近期限"),
  RED("红灯：已逾期"),
  CLOSED_ON_TIME("按期销号"),
  CLOSED_LATE("逾期销号");

  private final String label;

  ItemLight(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The same rules as SQL conditions on {@code duban.item}'s columns, for filters and counts in the database: the
   * parameters are the current instant ({@code ?} 1) and, for yellow and green, {@code yellowFrom} ({@code ?} 2).
   */
  public static final String RED_SQL = "status <> 'CLOSED' and due_at < ?";
  public static final String YELLOW_SQL = "status <> 'CLOSED' and due_at >= ? and (due_at < ? or escalation_level <> 'NONE')";
  public static final String GREEN_SQL = "status <> 'CLOSED' and due_at >= ? and due_at >= ? and escalation_level = 'NONE'";

  /**
   * @param yellowFrom the instant from which a deadline counts as "due soon": an open item whose due instant lies
   *                   before it is yellow
   * @param level      how far the item has been escalated: an item whose 临期提醒 has gone out is yellow too (a list
   *                   may remind earlier than the bureau's yellow band, and the light shows what people were told)
   */
  public static ItemLight of(ItemStatus status, Instant dueAt, Instant closedAt, Instant now, Instant yellowFrom,
                             EscalationLevel level) {
    if (status == ItemStatus.CLOSED) {
      return closedAt != null && closedAt.isAfter(dueAt) ? CLOSED_LATE : CLOSED_ON_TIME;
    }
    if (now.isAfter(dueAt)) {
      return RED;
    }
    return dueAt.isBefore(yellowFrom) || level != EscalationLevel.NONE ? YELLOW : GREEN;
  }
}
