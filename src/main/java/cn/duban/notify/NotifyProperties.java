package cn.duban.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings under {@code duban.notify.*}.
 *
 * @param schedulerEnabled whether this node runs the delivery job; off, deliveries happen only when
 *                         {@link NotificationDeliverer#deliverDue()} is called
 * @param pollInterval     pause between two runs of the delivery job
 * @param batchSize        at most this many groups composed and messages delivered per channel and run
 * @param maxAttempts      a delivery that failed this many times is given up (status FAILED, kept and visible)
 * @param backoffBase      wait after the first failure; doubled after each further failure
 * @param backoffMax       the longest wait between two attempts
 * @param digestDelay      how long a digestible notification (逾期催办) waits for the others of the same person, kind
 *                         and day, so that they go out as one message
 * @param sendTimeout      how long a message claimed for an external send (e-mail) stays claimed; a node that dies
 *                         mid-send leaves it to be sent again after this
 * @param baseUrl          the address of duban as people open it, for links in e-mails
 */
@ConfigurationProperties(prefix = "duban.notify")
public record NotifyProperties(
    @DefaultValue("true") boolean schedulerEnabled,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("10") int maxAttempts,
    @DefaultValue("30s") Duration backoffBase,
    @DefaultValue("1h") Duration backoffMax,
    @DefaultValue("5m") Duration digestDelay,
    @DefaultValue("10m") Duration sendTimeout,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue Inbox inbox,
    @DefaultValue Email email) {

  public NotifyProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("duban.notify.batch-size and max-attempts must be at least 1");
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The in-app inbox (站内消息). */
  public record Inbox(@DefaultValue("true") boolean enabled) {
  }

  /** E-mail, sent only when {@code spring.mail.host} is configured as well. */
  public record Email(@DefaultValue("true") boolean enabled,
                      @DefaultValue("noreply@duban.local") String from,
                      @DefaultValue("督办系统") String fromName) {
  }

  /** The wait before attempt {@code attempts + 1}: base, 2 × base, 4 × base … at most {@link #backoffMax}. */
  public Duration backoff(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    Duration wait = backoffBase.multipliedBy(1L << doublings);
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }
}
