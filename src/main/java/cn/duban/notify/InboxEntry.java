package cn.duban.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One message in a person's inbox, as {@code GET /api/notifications} shows it.
 *
 * @param id    the inbox entry's id (for {@code POST /api/notifications/{id}/read})
 * @param link  the item's page of a single notification; null for a digest (see {@code items})
 * @param items the items the message is about, each with its link
 */
public record InboxEntry(long id, NotificationKind kind, String kindLabel, LocalDate day, String subject, String body,
                         String link, List<Item> items, Instant createdAt, boolean read, Instant readAt) {

  /** An item a message is about. */
  public record Item(String code, String title, LocalDate deadline, String line, String link) {
  }
}
