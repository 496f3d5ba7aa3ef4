package cn.duban.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import cn.duban.system.BureauClock;

/**
 * A platform's access_token, cached on this node (each node asks for its own; the platforms allow several valid
 * tokens at once): fetched when missing, again shortly before it expires, and after the platform said it is invalid
 * or expired ({@link #invalidate}). Time is the bureau's clock, so tests move it instead of waiting two hours.
 */
final class AccessTokens {

  /** Asks the platform for a new token. */
  interface Fetch {
    Token fetch() throws Exception;
  }

  record Token(String value, Duration lifetime) {
  }

  private static final Duration MARGIN = Duration.ofMinutes(5);

  private final BureauClock clock;
  private String value;
  private Instant refreshAt;
  private int fetches;

  AccessTokens(BureauClock clock) {
    this.clock = clock;
  }

  synchronized String get(Fetch fetch) throws Exception {
    Instant now = clock.now();
    if (value == null || !now.isBefore(refreshAt)) {
      Token token = fetch.fetch();
      // refreshed ahead of expiry: 5 minutes before, or after nine tenths of a short lifetime
      Duration margin = token.lifetime().dividedBy(10).compareTo(MARGIN) < 0 ? token.lifetime().dividedBy(10) : MARGIN;
      value = token.value();
      refreshAt = now.plus(token.lifetime()).minus(margin);
      fetches++;
    }
    return value;
  }

  /** The platform refused {@code stale}: the next {@link #get} fetches a new one (unless another thread did). */
  synchronized void invalidate(String stale) {
    if (Objects.equals(stale, value)) {
      value = null;
    }
  }

  synchronized int fetches() {
    return fetches;
  }
}
