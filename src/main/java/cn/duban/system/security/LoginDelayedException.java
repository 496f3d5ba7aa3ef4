package cn.duban.system.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because its user name or address is being slowed down (登录限速). */
public class LoginDelayedException extends AuthenticationException {

  private final long waitSeconds;

  LoginDelayedException(Instant until, Instant now) {
    this(seconds(until, now));
  }

  private LoginDelayedException(long waitSeconds) {
    super("登录尝试过多，请 " + waitSeconds + " 秒后再试。");
    this.waitSeconds = waitSeconds;
  }

  /** Whole seconds to wait, rounded up, at least one: what Retry-After and the message say. */
  public long waitSeconds() {
    return waitSeconds;
  }

  static long seconds(Instant until, Instant now) {
    long millis = Duration.between(now, until).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
