package cn.duban.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A robot takes at most {@code duban.notify.robots.per-minute} posts a minute (the platforms' limit is 20): before a
 * post a slot is taken in a committed transaction, under a lock per webhook, so any number of nodes together never
 * exceed it. A post that finds the minute full waits until a slot frees up.
 */
@Component
class RobotRateLimit {

  /** First key of the advisory locks per webhook (ASCII "ROBO"). */
  private static final int LOCK_SPACE = 0x524f424f;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ChannelProperties properties;

  RobotRateLimit(JdbcTemplate jdbc, PlatformTransactionManager transactions, ChannelProperties properties) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
  }

  /** Takes a slot for a post now; empty when taken, otherwise how long to wait for one. */
  Optional<Duration> take(String webhookKey, Instant now) {
    return transaction.execute(status -> {
      jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))::text", String.class, LOCK_SPACE, webhookKey);
      jdbc.update("delete from duban.robot_post_slot where webhook_key = ? and taken_at < ?", webhookKey,
          Timestamp.from(now.minus(Duration.ofHours(1))));
      var recent = jdbc.queryForList("select taken_at from duban.robot_post_slot where webhook_key = ? "
              + "and taken_at > ? order by taken_at", Timestamp.class, webhookKey, Timestamp.from(now.minus(WINDOW)));
      int limit = properties.robots().perMinute();
      if (recent.size() >= limit) {
        Instant free = recent.get(recent.size() - limit).toInstant().plus(WINDOW);
        return Optional.of(Duration.between(now, free).plusSeconds(1));
      }
      jdbc.update("insert into duban.robot_post_slot (webhook_key, taken_at) values (?, ?)", webhookKey,
          Timestamp.from(now));
      return Optional.<Duration>empty();
    });
  }
}
