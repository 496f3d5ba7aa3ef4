package cn.duban.system.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.system.BureauClock;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * 登录限速: slows down whoever keeps failing to sign in, per user name and per client address, and never locks anybody
 * out for good (the engine's own lock-out is switched off in application.yaml). The counts live in
 * {@code duban.login_throttle}, so every node of one duban sees the same delays; time is the bureau's clock.
 * <p>
 * While a key is delayed every attempt is refused without the password being looked at. When the next failure of a
 * key would start a delay, the attempt is counted as failed before the password is checked (and given back if it
 * succeeds): parallel attempts then cannot slip through together once the free failures are used up.
 */
@Service
public class LoginThrottle {

  /** What is counted: a user name or a client address. */
  public enum Kind {
    USER, ADDRESS;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind of(String id) {
      for (Kind kind : values()) {
        if (kind.id().equals(id)) {
          return kind;
        }
      }
      throw new InvalidInputException(new FieldProblem("kind", id, "类型只能是 user（用户名）或 address（客户端地址）"));
    }
  }

  /** A user name or address with recent failures, as the admins see it. */
  public record Delay(String kind, String value, int failures, Instant lastFailureAt, Instant delayedUntil,
                      long waitSeconds) {
  }

  private record Key(Kind kind, String value) {
  }

  private record Row(Key key, int failures, Instant lastFailureAt, Instant delayedUntil) {
  }

  /** The outcome of counting one attempt: counted (with the delay it started, if any), or refused while delayed. */
  private record Count(boolean counted, Instant delayedUntil) {
  }

  private static final int MAX_VALUE_LENGTH = 200;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final BureauClock clock;
  private final LoginThrottleProperties properties;
  private final IdentityService identityService;

  LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, BureauClock clock,
                LoginThrottleProperties properties, IdentityService identityService) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.properties = properties;
    this.identityService = identityService;
  }

  /**
   * An attempt to sign in as {@code userId} from {@code address} (null when unknown): refused with
   * {@link LoginDelayedException} while either is delayed; otherwise the caller checks the password and reports
   * the outcome on the returned attempt.
   */
  public Attempt begin(String userId, String address) {
    Instant now = clock.now();
    List<Key> keys = new ArrayList<>();
    keys.add(new Key(Kind.USER, cut(userId)));
    if (address != null && !address.isBlank()) {
      keys.add(new Key(Kind.ADDRESS, cut(address)));
    }
    Map<Key, Row> rows = new LinkedHashMap<>();
    Instant until = null;
    for (Key key : keys) {
      Row row = row(key, false);
      rows.put(key, row);
      if (row != null && row.delayedUntil() != null && row.delayedUntil().isAfter(now)) {
        until = later(until, row.delayedUntil());
      }
    }
    if (until != null) {
      throw new LoginDelayedException(until, now);
    }
    Map<Key, Instant> claimed = new LinkedHashMap<>();
    for (Key key : keys) {
      Row row = rows.get(key);
      int next = row == null || forgotten(row, now) ? 1 : row.failures() + 1;
      if (properties.delayAfter(next, free(key.kind())) == null) {
        continue;
      }
      Count count = count(key, true);
      if (!count.counted()) {
        claimed.forEach(this::giveBack);
        throw new LoginDelayedException(count.delayedUntil(), now);
      }
      claimed.put(key, count.delayedUntil());
    }
    return new Attempt(keys, claimed);
  }

  /** One attempt that was let through: the caller reports whether the password was right. */
  public final class Attempt {

    private final List<Key> keys;
    private final Map<Key, Instant> claimed;

    private Attempt(List<Key> keys, Map<Key, Instant> claimed) {
      this.keys = keys;
      this.claimed = claimed;
    }

    /** A wrong password: counted for the user name and the address. */
    public void failed() {
      for (Key key : keys) {
        if (!claimed.containsKey(key)) {
          count(key, false);
        }
      }
    }

    /** The right password: the user's failures are cleared; the address gets back what this attempt cost it. */
    public void succeeded() {
      for (Key key : keys) {
        if (key.kind() == Kind.USER) {
          jdbc.update("delete from duban.login_throttle where kind = ? and value = ?", key.kind().id(), key.value());
        } else if (claimed.containsKey(key)) {
          giveBack(key, claimed.get(key));
        }
      }
    }
  }

  /** Every user name and address with failures that still count, the delayed ones first. */
  public List<Delay> delays() {
    Instant now = clock.now();
    return jdbc.query("select * from duban.login_throttle where failures > 0 and last_failure_at >= ? "
            + "order by coalesce(delayed_until, last_failure_at) desc, kind, value limit 500",
        (rs, n) -> {
          Row row = toRow(rs);
          Instant until = row.delayedUntil();
          long wait = until == null || !until.isAfter(now) ? 0 : LoginDelayedException.seconds(until, now);
          return new Delay(row.key().kind().id(), row.key().value(), row.failures(), row.lastFailureAt(), until, wait);
        }, Timestamp.from(now.minus(properties.forgetAfter())));
  }

  /**
   * An admin clears a user name's or an address's failures and delay; for a user the engine's own count of failed
   * attempts is reset too.
   */
  public void clear(String kind, String value) {
    Kind k = Kind.of(kind);
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(new FieldProblem("value", value, "请指明要清除的用户名或客户端地址"));
    }
    jdbc.update("delete from duban.login_throttle where kind = ? and value = ?", k.id(), cut(value));
    if (k == Kind.USER) {
      EngineSystemContext.run(identityService, () -> identityService.unlockUser(value));
    }
  }

  /** Counts one failed attempt of {@code key}; a claim is refused instead while the key is delayed. */
  private Count count(Key key, boolean claim) {
    return transaction.execute(status -> {
      Instant now = clock.now();
      // the row exists (possibly empty) and is locked: concurrent attempts on one key are counted one after another
      jdbc.update("insert into duban.login_throttle (kind, value, failures, last_failure_at) values (?, ?, 0, ?) "
          + "on conflict (kind, value) do nothing", key.kind().id(), key.value(), Timestamp.from(now));
      Row row = row(key, true);
      if (claim && row.delayedUntil() != null && row.delayedUntil().isAfter(now)) {
        return new Count(false, row.delayedUntil());
      }
      int failures = forgotten(row, now) ? 1 : row.failures() + 1;
      Duration delay = properties.delayAfter(failures, free(key.kind()));
      Instant until = delay == null ? null : now.plus(delay);
      jdbc.update("update duban.login_throttle set failures = ?, last_failure_at = ?, delayed_until = ? "
              + "where kind = ? and value = ?", failures, Timestamp.from(now), until == null ? null : Timestamp.from(until),
          key.kind().id(), key.value());
      jdbc.update("delete from duban.login_throttle where last_failure_at < ?",
          Timestamp.from(now.minus(properties.forgetAfter())));
      return new Count(true, until);
    });
  }

  /** Takes back an attempt counted before its password was checked (it succeeded, or another key refused it). */
  private void giveBack(Key key, Instant delayedUntil) {
    jdbc.update("update duban.login_throttle set failures = greatest(failures - 1, 0), "
            + "delayed_until = case when delayed_until = ? then null else delayed_until end where kind = ? and value = ?",
        delayedUntil == null ? null : Timestamp.from(delayedUntil), key.kind().id(), key.value());
  }

  private Row row(Key key, boolean forUpdate) {
    return jdbc.query("select * from duban.login_throttle where kind = ? and value = ?" + (forUpdate ? " for update" : ""),
        (rs, n) -> toRow(rs), key.kind().id(), key.value()).stream().findFirst().orElse(null);
  }

  private static Row toRow(ResultSet rs) throws SQLException {
    Timestamp until = rs.getTimestamp("delayed_until");
    return new Row(new Key(Kind.of(rs.getString("kind")), rs.getString("value")), rs.getInt("failures"),
        rs.getTimestamp("last_failure_at").toInstant(), until == null ? null : until.toInstant());
  }

  private boolean forgotten(Row row, Instant now) {
    return row.lastFailureAt().isBefore(now.minus(properties.forgetAfter()));
  }

  private int free(Kind kind) {
    return kind == Kind.USER ? properties.freeFailuresPerUser() : properties.freeFailuresPerAddress();
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /** Keys are bounded: a user name of any length must not turn into a database error. */
  private static String cut(String value) {
    String v = value == null ? "" : value;
    return v.length() > MAX_VALUE_LENGTH ? v.substring(0, MAX_VALUE_LENGTH) : v;
  }
}
