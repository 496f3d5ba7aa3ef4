package cn.duban.system.web;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.system.BureauClock;
import cn.duban.system.Digests;

/**
 * Requests that create something (an item, a list) are done once per {@code Idempotency-Key}: a double click, or a
 * request sent again after a timeout, gets the first result instead of a second item.
 * <ul>
 *   <li>The key is the caller's (per user); its row is inserted in the same transaction as the work. PostgreSQL makes
 *   a second request with the same key wait on that row until the first commits (then it is answered with the
 *   stored result) or rolls back (then it does the work itself).</li>
 *   <li>The same key with other content (another body, another file) is refused with 409.</li>
 *   <li>Keys are kept {@link #KEPT} (24 h), then removed; an expired key may be used again.</li>
 * </ul>
 */
@Component
public class Idempotency {

  /** The header of API calls; the pages send the same value as the form field {@link #FORM_FIELD}. */
  public static final String HEADER = "Idempotency-Key";
  public static final String FORM_FIELD = "idempotencyKey";
  /** How long a key answers with its first result. */
  public static final Duration KEPT = Duration.ofHours(24);

  private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
  /** A UUID fits, as does any other printable token of up to 200 characters. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  /** What a request made once gives: the result, and whether it is the stored result of an earlier request. */
  public record Outcome<T>(T result, boolean replayed) {
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final BureauClock clock;

  Idempotency(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json, BureauClock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.json = json;
    this.clock = clock;
  }

  /**
   * Does {@code work} once for ({@code userId}, {@code key}); without a key, simply does it. {@code request} is the
   * meaningful content of the request (it is serialised to JSON and hashed): the same key with other content is a
   * conflict. The result must be serialisable to JSON and back to {@code resultType}.
   */
  public <T> Outcome<T> once(String userId, String key, String operation, Object request, Class<T> resultType,
                             Supplier<T> work) {
    if (key == null || key.isBlank()) {
      return new Outcome<>(work.get(), false);
    }
    if (!KEY.matcher(key).matches()) {
      throw new InvalidInputException(new FieldProblem(HEADER, PlainText.visible(key),
          "幂等键（Idempotency-Key）应为 1 到 200 个可见的 ASCII 字符，例如一个 UUID"));
    }
    String fingerprint = fingerprint(operation, request);
    return transaction.execute(status -> {
      Instant now = clock.now();
      int claimed = jdbc.update("insert into duban.idempotency_key (user_id, idem_key, operation, fingerprint, "
          + "created_at) values (?, ?, ?, ?, ?) on conflict (user_id, idem_key) do nothing",
          userId, key, operation, fingerprint, Timestamp.from(now));
      if (claimed == 0) {
        Map<String, Object> first = jdbc.queryForMap("select fingerprint, result, created_at from duban.idempotency_key "
            + "where user_id = ? and idem_key = ? for update", userId, key);
        Instant firstAt = ((Timestamp) first.get("created_at")).toInstant();
        if (firstAt.isBefore(now.minus(KEPT))) {
          jdbc.update("update duban.idempotency_key set operation = ?, fingerprint = ?, result = null, created_at = ? "
              + "where user_id = ? and idem_key = ?", operation, fingerprint, Timestamp.from(now), userId, key);
        } else if (!fingerprint.equals(first.get("fingerprint"))) {
          throw new ConflictException("幂等键（Idempotency-Key）「" + key + "」已用于内容不同的另一次提交。"
              + "同一个键只能重复提交同样的内容；新的提交请使用新的键（页面请刷新后重新提交）。");
        } else {
          return new Outcome<>(read((String) first.get("result"), resultType), true);
        }
      }
      T result = work.get();
      jdbc.update("update duban.idempotency_key set result = ? where user_id = ? and idem_key = ?",
          write(result), userId, key);
      return new Outcome<>(result, false);
    });
  }

  /** {@code Idempotent-Replayed: true} on an answer that repeats the first result. */
  public static HttpHeaders replayHeaders(Outcome<?> outcome) {
    HttpHeaders headers = new HttpHeaders();
    if (outcome.replayed()) {
      headers.set("Idempotent-Replayed", "true");
    }
    return headers;
  }

  /** Removes keys older than {@link #KEPT}; returns how many. Runs every hour. */
  @Scheduled(initialDelay = 10, fixedDelay = 60, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
  public int removeExpired() {
    try {
      int removed = jdbc.update("delete from duban.idempotency_key where created_at < ?",
          Timestamp.from(clock.now().minus(KEPT)));
      if (removed > 0) {
        log.debug("Removed {} expired idempotency keys", removed);
      }
      return removed;
    } catch (RuntimeException e) {
      // the database may be briefly unreachable: the next run tries again
      log.warn("Removing expired idempotency keys failed: {}", e.toString());
      return 0;
    }
  }

  private String fingerprint(String operation, Object request) {
    return Digests.sha256((operation + "\n" + write(request)).getBytes(StandardCharsets.UTF_8));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable as JSON: " + value.getClass(), e);
    }
  }

  private <T> T read(String stored, Class<T> type) {
    try {
      return json.readValue(stored, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored result is not a " + type.getSimpleName(), e);
    }
  }
}
