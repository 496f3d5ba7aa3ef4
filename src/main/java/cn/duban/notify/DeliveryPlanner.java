package cn.duban.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which channels a composed message goes to, and from when: the inbox always and at once; the other channels as the
 * person chose for the kind, push channels after the person's quiet hours unless the kind is urgent.
 */
interface DeliveryPlanner {

  /**
   * @param active the channels this node delivers through now
   * @return the channels to deliver on, each with the instant it may go out
   */
  Map<NotificationChannel, Instant> plan(String recipient, NotificationKind kind, List<NotificationChannel> active,
                                         Instant now);

  /** When a retry due at {@code retryAt} may go: later if it falls into the person's quiet hours. */
  default Instant notBefore(String recipient, NotificationKind kind, NotificationChannel channel, Instant retryAt) {
    return retryAt;
  }

  /** Every active channel for people, at once: what a deliverer built without preferences does (tests). */
  DeliveryPlanner EVERY_CHANNEL = (recipient, kind, active, now) -> {
    Map<NotificationChannel, Instant> plan = new LinkedHashMap<>();
    active.stream().filter(c -> c.audience() != NotificationChannel.Audience.UNITS).forEach(c -> plan.put(c, now));
    return plan;
  };
}
