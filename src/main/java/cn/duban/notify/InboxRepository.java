package cn.duban.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The in-app inbox, {@code duban.inbox_message}, with each message's text from {@code duban.notification_message}. */
@Repository
class InboxRepository {

  private final JdbcTemplate jdbc;

  InboxRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Puts a message in its recipient's inbox; a message already there stays as it is (read or not). */
  boolean insert(long messageId, String recipient, Instant at) {
    return jdbc.update("insert into duban.inbox_message (message_id, recipient, created_at) values (?, ?, ?) "
        + "on conflict (message_id) do nothing", messageId, recipient, Timestamp.from(at)) == 1;
  }

  /** An inbox entry without its items. */
  record Row(long id, long messageId, NotificationKind kind, LocalDate day, String subject, String body, String link,
             int itemCount, Instant createdAt, Instant readAt) {
  }

  /** A person's messages, newest first. */
  List<Row> page(String recipient, boolean unreadOnly, int page, int size) {
    return jdbc.query("select i.id, i.message_id, m.kind, m.day, m.subject, m.body, m.link, m.item_count, "
            + "i.created_at, i.read_at from duban.inbox_message i "
            + "join duban.notification_message m on m.id = i.message_id "
            + "where i.recipient = ?" + (unreadOnly ? " and i.read_at is null" : "")
            + " order by i.created_at desc, i.id desc limit ? offset ?",
        (rs, n) -> new Row(rs.getLong("id"), rs.getLong("message_id"), NotificationKind.valueOf(rs.getString("kind")),
            rs.getObject("day", LocalDate.class), rs.getString("subject"), rs.getString("body"), rs.getString("link"),
            rs.getInt("item_count"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()),
        recipient, size, (long) page * size);
  }

  long count(String recipient, boolean unreadOnly) {
    Long count = jdbc.queryForObject("select count(*) from duban.inbox_message where recipient = ?"
        + (unreadOnly ? " and read_at is null" : ""), Long.class, recipient);
    return count == null ? 0 : count;
  }

  /** Marks one of the person's messages read; false when they have no message with this id. */
  boolean markRead(long id, String recipient, Instant at) {
    return jdbc.update("update duban.inbox_message set read_at = coalesce(read_at, ?) where id = ? and recipient = ?",
        Timestamp.from(at), id, recipient) == 1;
  }

  /** Marks all of the person's messages read; returns how many were unread. */
  int markAllRead(String recipient, Instant at) {
    return jdbc.update("update duban.inbox_message set read_at = ? where recipient = ? and read_at is null",
        Timestamp.from(at), recipient);
  }
}
