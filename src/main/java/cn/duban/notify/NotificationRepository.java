package cn.duban.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Repository;

/** The outbox, the composed messages and their deliveries per channel, in schema {@code duban}. */
@Repository
class NotificationRepository {

  /** First key of the advisory locks that keep two nodes from composing the same group (ASCII "NOTI"). */
  private static final int GROUP_LOCK_SPACE = 0x4e4f5449;

  private static final String ITEM_COLUMNS =
      "id, recipient, kind, item_code, item_title, step, deadline, day, subject, body, link, message_id";

  private final JdbcTemplate jdbc;

  NotificationRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What was stored for these items (their timelines show whom each escalation step notified). */
  List<cn.duban.item.NoticesSent.Notice> storedFor(java.util.Collection<String> itemCodes) {
    if (itemCodes.isEmpty()) {
      return List.of();
    }
    return jdbc.query(con -> {
      var ps = con.prepareStatement("select item_code, kind, recipient, created_at from duban.notification "
          + "where item_code = any(?) order by created_at, id");
      ps.setArray(1, con.createArrayOf("varchar", itemCodes.toArray()));
      return ps;
    }, (rs, n) -> new cn.duban.item.NoticesSent.Notice(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getTimestamp(4).toInstant()));
  }

  // --- the outbox ---------------------------------------------------------------------------------------------

  private static final String INSERT = "insert into duban.notification (recipient, kind, item_code, item_title, "
      + "step, deadline, day, subject, body, link, digestible, created_at, deliver_after) "
      + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (item_code, step, kind, deadline, day, recipient) do nothing";

  /**
   * Stores notifications in one JDBC batch (one round trip however many people are told), each unless one with the
   * same dedup key exists; how many were new.
   */
  int insertAll(List<Notification> notifications, Instant createdAt, Instant deliverAfter) {
    int[][] counts = jdbc.batchUpdate(INSERT, notifications, notifications.size(), (ps, n) -> {
      Object[] values = {n.recipient(), n.kind().name(), n.itemCode(), n.itemTitle(), n.step(), n.deadline(),
          n.day(), n.subject(), n.body(), n.link(), n.kind().digestible(), Timestamp.from(createdAt),
          Timestamp.from(deliverAfter)};
      for (int i = 0; i < values.length; i++) {
        StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
      }
    });
    int created = 0;
    for (int[] batch : counts) {
      for (int count : batch) {
        created += Math.max(count, 0);
      }
    }
    return created;
  }

  /**
   * A group of waiting notifications that become one message: all digestible ones of a person, kind and day, or a
   * single one ({@code singleId}).
   */
  record Group(String recipient, NotificationKind kind, LocalDate day, Long singleId) {

    String lockKey() {
      return recipient + "|" + kind + "|" + day + "|" + (singleId == null ? "digest" : singleId);
    }
  }

  /** Groups with at least one notification due, the longest waiting first. Reads only; locks nothing. */
  List<Group> dueGroups(Instant now, int limit) {
    return jdbc.query("select recipient, kind, day, single_id, min(deliver_after) as due from ("
            + "  select recipient, kind, day, case when digestible then null else id end as single_id, deliver_after"
            + "  from duban.notification where message_id is null and deliver_after <= ?) waiting "
            + "group by recipient, kind, day, single_id order by due, single_id nulls first limit ?",
        (rs, i) -> new Group(rs.getString("recipient"), NotificationKind.valueOf(rs.getString("kind")),
            rs.getObject("day", LocalDate.class), (Long) rs.getObject("single_id")),
        Timestamp.from(now), limit);
  }

  /**
   * Takes the group's lock for the rest of the transaction, or answers false at once when another node holds it:
   * only one node composes a group at a time, so a digest is never split between two nodes.
   */
  boolean tryLock(Group group) {
    return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, hashtext(?))", Boolean.class,
        GROUP_LOCK_SPACE, group.lockKey()));
  }

  /**
   * The group's waiting notifications, locked: for a digest every waiting one of the person, kind and day, also
   * those whose digest delay has not yet passed, so that they go out together.
   */
  List<StoredNotification> lockWaiting(Group group) {
    if (group.singleId() != null) {
      return jdbc.query("select " + ITEM_COLUMNS + " from duban.notification where id = ? and message_id is null "
          + "for update skip locked", STORED, group.singleId());
    }
    return jdbc.query("select " + ITEM_COLUMNS + " from duban.notification where message_id is null and digestible "
            + "and recipient = ? and kind = ? and day = ? order by id for update skip locked",
        STORED, group.recipient(), group.kind().name(), group.day());
  }

  long insertMessage(Group group, MessageComposer.Text text, int itemCount, Instant now) {
    return jdbc.queryForObject("insert into duban.notification_message (recipient, kind, day, subject, body, link, "
            + "item_count, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id", Long.class,
        group.recipient(), group.kind().name(), group.day(), text.subject(), text.body(), text.link(), itemCount,
        Timestamp.from(now));
  }

  /**
   * A unit's digest for a day, unless there is one already (another node, an earlier run): the message id when it
   * was new.
   */
  Optional<Long> insertUnitDigest(String recipient, LocalDate day, MessageComposer.Text text, int itemCount,
                                  Instant now) {
    return jdbc.queryForList("insert into duban.notification_message (recipient, kind, day, subject, body, link, "
            + "item_count, created_at) values (?, 'UNIT_DIGEST', ?, ?, ?, ?, ?, ?) "
            + "on conflict (recipient, day) where kind = 'UNIT_DIGEST' do nothing returning id", Long.class,
        recipient, day, text.subject(), text.body(), text.link(), itemCount, Timestamp.from(now)).stream().findFirst();
  }

  /** A delivery that needs no attempt (a unit digest without items): recorded as SKIPPED with the reason. */
  void insertSkippedDelivery(long messageId, String channel, String reason, Instant now) {
    jdbc.update("insert into duban.notification_delivery (message_id, channel, status, attempts, next_attempt_at, "
        + "last_error, updated_at) values (?, ?, 'SKIPPED', 0, ?, ?, ?)", messageId, channel, Timestamp.from(now),
        reason, Timestamp.from(now));
  }

  void attach(List<Long> notificationIds, long messageId) {
    jdbc.update(con -> {
      var ps = con.prepareStatement("update duban.notification set message_id = ? where id = any(?)");
      ps.setLong(1, messageId);
      ps.setArray(2, con.createArrayOf("bigint", notificationIds.toArray()));
      return ps;
    });
  }

  /** A notification as stored, with the message it went out in (null while waiting). */
  record StoredNotification(long id, Notification notification, Long messageId) {
  }

  private static final RowMapper<StoredNotification> STORED = (rs, i) -> new StoredNotification(rs.getLong("id"),
      notification(rs), (Long) rs.getObject("message_id"));

  static Notification notification(ResultSet rs) throws SQLException {
    return new Notification(rs.getString("recipient"), NotificationKind.valueOf(rs.getString("kind")),
        rs.getString("item_code"), rs.getString("item_title"), rs.getString("step"),
        rs.getObject("deadline", LocalDate.class), rs.getObject("day", LocalDate.class), rs.getString("subject"),
        rs.getString("body"), rs.getString("link"));
  }

  // --- messages -----------------------------------------------------------------------------------------------

  Optional<NotificationMessage> message(long id) {
    List<Notification> items = items(id);
    return jdbc.query("select id, recipient, kind, day, subject, body, link, created_at "
            + "from duban.notification_message where id = ?",
        (rs, i) -> new NotificationMessage(rs.getLong("id"), rs.getString("recipient"),
            NotificationKind.valueOf(rs.getString("kind")), rs.getObject("day", LocalDate.class),
            rs.getString("subject"), rs.getString("body"), rs.getString("link"),
            MessageComposer.sorted(items), rs.getTimestamp("created_at").toInstant()), id)
        .stream().findFirst();
  }

  /** The notifications of the given messages, by message. */
  List<StoredNotification> itemsOf(List<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(con -> {
      var ps = con.prepareStatement("select " + ITEM_COLUMNS + " from duban.notification where message_id = any(?) "
          + "order by deadline, item_code, step");
      ps.setArray(1, con.createArrayOf("bigint", messageIds.toArray()));
      return ps;
    }, STORED);
  }

  private List<Notification> items(long messageId) {
    return itemsOf(List.of(messageId)).stream().map(StoredNotification::notification).toList();
  }

  // --- deliveries ---------------------------------------------------------------------------------------------

  void insertDelivery(long messageId, String channel, Instant now) {
    insertDelivery(messageId, channel, now, now);
  }

  /** A delivery due from {@code from} (after the person's quiet hours), recorded {@code now}. */
  void insertDelivery(long messageId, String channel, Instant from, Instant now) {
    jdbc.update("insert into duban.notification_delivery (message_id, channel, status, attempts, next_attempt_at, "
        + "updated_at) values (?, ?, 'PENDING', 0, ?, ?)", messageId, channel, Timestamp.from(from), Timestamp.from(now));
  }

  /**
   * A delivery due on a channel, with the attempts made so far; {@code resumed} when it had been claimed by a node
   * that never recorded the outcome (its lease expired).
   */
  record Due(long messageId, int attempts, boolean resumed) {

    Due(long messageId, int attempts) {
      this(messageId, attempts, false);
    }
  }

  /**
   * Due deliveries of a channel, locked until the end of the transaction; rows another node has locked are skipped,
   * so two nodes never work on the same delivery at the same time.
   */
  List<Due> lockDue(String channel, Instant now, int limit) {
    return jdbc.query("select message_id, attempts from duban.notification_delivery "
            + "where channel = ? and status in ('PENDING', 'SENDING') and next_attempt_at <= ? "
            + "order by next_attempt_at, message_id limit ? for update skip locked",
        (rs, i) -> new Due(rs.getLong("message_id"), rs.getInt("attempts")), channel, Timestamp.from(now), limit);
  }

  /**
   * Claims one due delivery of a channel for an external send: SENDING, one more attempt, due again at
   * {@code leaseUntil} should this node die before it records the outcome. Commit before sending.
   */
  Optional<Due> claimOne(String channel, Instant now, Instant leaseUntil) {
    return jdbc.query("with picked as (select message_id, channel, status from duban.notification_delivery "
            + "  where channel = ? and status in ('PENDING', 'SENDING') and next_attempt_at <= ? "
            + "  order by next_attempt_at, message_id limit 1 for update skip locked) "
            + "update duban.notification_delivery d set status = 'SENDING', attempts = d.attempts + 1, "
            + "next_attempt_at = ?, updated_at = ? from picked "
            + "where d.message_id = picked.message_id and d.channel = picked.channel "
            + "returning d.message_id, d.attempts, picked.status = 'SENDING' as resumed",
        (rs, i) -> new Due(rs.getLong("message_id"), rs.getInt("attempts"), rs.getBoolean("resumed")),
        channel, Timestamp.from(now), Timestamp.from(leaseUntil), Timestamp.from(now)).stream().findFirst();
  }

  /**
   * Records a delivery as SENT or SKIPPED; {@code expectedAttempts} guards against a node whose claim has expired
   * and been taken over. False when nothing was updated.
   */
  boolean markDone(long messageId, String channel, int expectedAttempts, int attempts,
                   NotificationChannel.DeliveryOutcome outcome, Instant now) {
    return jdbc.update("update duban.notification_delivery set status = ?, attempts = ?, sent_at = ?, last_error = ?, "
            + "updated_at = ? where message_id = ? and channel = ? and attempts = ?",
        outcome.skipped() ? "SKIPPED" : "SENT", attempts, outcome.skipped() ? null : Timestamp.from(now),
        outcome.reason(), Timestamp.from(now), messageId, channel, expectedAttempts) == 1;
  }

  /**
   * Records a failed attempt: due again at {@code retryAt}, or FAILED for good when {@code retryAt} is null, with
   * why ({@code failure}: PERMANENT, GAVE_UP or IN_DOUBT).
   */
  boolean markFailed(long messageId, String channel, int expectedAttempts, int attempts, String error,
                     Instant retryAt, String failure, Instant now) {
    return jdbc.update("update duban.notification_delivery set status = ?, attempts = ?, "
            + "next_attempt_at = coalesce(?, next_attempt_at), last_error = ?, failure = ?, updated_at = ? "
            + "where message_id = ? and channel = ? and attempts = ?",
        retryAt == null ? "FAILED" : "PENDING", attempts, retryAt == null ? null : Timestamp.from(retryAt), error,
        retryAt == null ? failure : null, Timestamp.from(now), messageId, channel, expectedAttempts) == 1;
  }


  /**
   * A delivery with its state, for the administrators' view and for tests; {@code failure} says why a FAILED one
   * stopped (PERMANENT, GAVE_UP, IN_DOUBT).
   */
  record DeliveryState(long messageId, String channel, String status, int attempts, Instant nextAttemptAt,
                       String lastError, Instant updatedAt, String recipient, String subject, String failure,
                       NotificationKind kind, Instant sentAt) {
  }

  private static final String DELIVERY_STATE = "select d.message_id, d.channel, d.status, d.attempts, "
      + "d.next_attempt_at, d.last_error, d.updated_at, d.failure, d.sent_at, m.recipient, m.subject, m.kind "
      + "from duban.notification_delivery d join duban.notification_message m on m.id = d.message_id ";

  private static final RowMapper<DeliveryState> DELIVERY_STATE_ROW = (rs, i) -> new DeliveryState(
      rs.getLong("message_id"), rs.getString("channel"), rs.getString("status"), rs.getInt("attempts"),
      rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
      rs.getTimestamp("updated_at").toInstant(), rs.getString("recipient"), rs.getString("subject"),
      rs.getString("failure"), NotificationKind.valueOf(rs.getString("kind")),
      rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant());

  /** The latest deliveries, newest first, of a channel and status (null: any). */
  List<DeliveryState> latest(String channel, String status, int limit) {
    return jdbc.query(DELIVERY_STATE + "where (?::varchar is null or d.channel = ?) "
            + "and (?::varchar is null or d.status = ?) order by d.updated_at desc, d.message_id desc limit ?",
        DELIVERY_STATE_ROW, channel, channel, status, status, limit);
  }

  /** Deliveries per channel, status and (for FAILED) why. */
  record Figure(String channel, String status, String failure, long count) {
  }

  List<Figure> figures() {
    return jdbc.query("select channel, status, failure, count(*) as n from duban.notification_delivery "
            + "group by channel, status, failure order by channel, status",
        (rs, i) -> new Figure(rs.getString("channel"), rs.getString("status"), rs.getString("failure"),
            rs.getLong("n")));
  }

  /**
   * Undelivered deliveries per channel (PENDING or SENDING): how many, how many of them are due, and when the oldest
   * due one's message was composed (operators' figures, {@link OutboxFigures}).
   */
  record Backlog(String channel, long waiting, long due, Instant oldestDue) {
  }

  List<Backlog> backlog(Instant now) {
    return jdbc.query("select d.channel, count(*) as waiting, count(*) filter (where d.next_attempt_at <= ?) as due, "
            + "min(m.created_at) filter (where d.next_attempt_at <= ?) as oldest_due "
            + "from duban.notification_delivery d join duban.notification_message m on m.id = d.message_id "
            + "where d.status in ('PENDING', 'SENDING') group by d.channel",
        (rs, i) -> new Backlog(rs.getString("channel"), rs.getLong("waiting"), rs.getLong("due"),
            rs.getTimestamp("oldest_due") == null ? null : rs.getTimestamp("oldest_due").toInstant()),
        Timestamp.from(now), Timestamp.from(now));
  }

  /** Notifications not yet composed into a message: how many, and since when the oldest of them is due. */
  record Uncomposed(long waiting, Instant oldestDue) {
  }

  Uncomposed uncomposed(Instant now) {
    return jdbc.queryForObject("select count(*) as waiting, min(deliver_after) filter (where deliver_after <= ?) "
            + "as oldest_due from duban.notification where message_id is null",
        (rs, i) -> new Uncomposed(rs.getLong("waiting"),
            rs.getTimestamp("oldest_due") == null ? null : rs.getTimestamp("oldest_due").toInstant()),
        Timestamp.from(now));
  }

  /** Puts one FAILED delivery back in the queue with a fresh count of attempts; false when it is not FAILED. */
  boolean retry(long messageId, String channel, Instant now) {
    return jdbc.update("update duban.notification_delivery set status = 'PENDING', attempts = 0, failure = null, "
        + "next_attempt_at = ?, updated_at = ? where message_id = ? and channel = ? and status = 'FAILED'",
        Timestamp.from(now), Timestamp.from(now), messageId, channel) == 1;
  }

  List<DeliveryState> failed(int limit) {
    return jdbc.query(DELIVERY_STATE + "where d.status = 'FAILED' order by d.updated_at desc, d.message_id limit ?",
        DELIVERY_STATE_ROW, limit);
  }

  /** Puts every FAILED delivery back in the queue with a fresh count of attempts; returns how many. */
  int retryFailed(Instant now) {
    return jdbc.update("update duban.notification_delivery set status = 'PENDING', attempts = 0, failure = null, "
        + "next_attempt_at = ?, updated_at = ? where status = 'FAILED'", Timestamp.from(now), Timestamp.from(now));
  }

  /** The deliveries of the given messages, by message and channel. */
  List<DeliveryState> deliveries(List<Long> messageIds) {
    if (messageIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(con -> {
      var ps = con.prepareStatement(DELIVERY_STATE + "where d.message_id = any(?) order by d.message_id, d.channel");
      ps.setArray(1, con.createArrayOf("bigint", messageIds.toArray()));
      return ps;
    }, DELIVERY_STATE_ROW);
  }
}
