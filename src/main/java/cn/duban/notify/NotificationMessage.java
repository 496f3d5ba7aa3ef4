package cn.duban.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a channel delivers: one notification, or a digest (汇总) of several of one person, kind and day.
 *
 * @param id    stable across attempts and channels (the e-mail's Message-ID is derived from it)
 * @param link  the item's page of a single notification; null for a digest, whose items carry their links
 * @param items the notifications in this message, by item code
 */
public record NotificationMessage(long id, String recipient, NotificationKind kind, LocalDate day, String subject,
                                  String body, String link, List<Notification> items, Instant createdAt) {

  public NotificationMessage {
    items = List.copyOf(items);
  }

  public boolean isDigest() {
    return items.size() > 1;
  }
}
