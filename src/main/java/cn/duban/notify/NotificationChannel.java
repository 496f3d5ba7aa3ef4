package cn.duban.notify;

/**
 * A way of delivering messages: the in-app inbox, e-mail; later SMS or 政务微信. Every enabled channel gets every
 * message once; {@link NotificationDeliverer} keeps each channel's attempts, back-off and errors.
 */
public interface NotificationChannel {

  /** Stable id stored with each delivery, e.g. {@code inbox}, {@code email} (at most 20 characters). */
  String name();

  /** Whether this node delivers through this channel now (switched on and configured). */
  boolean enabled();

  /**
   * True for a channel that only writes to duban's database: it is called inside the transaction that marks the
   * delivery done, so it delivers exactly once. False for a channel that talks to another system (SMTP …): the
   * delivery is claimed in a committed transaction first and marked done after, so a crash in between can send
   * that one message again (at least once).
   */
  boolean transactional();

  /**
   * Delivers one message. Throws when it could not be delivered now (it is retried with back-off); returns
   * {@link DeliveryOutcome#skipped} when it will never be delivered through this channel (no e-mail address).
   */
  DeliveryOutcome deliver(NotificationMessage message) throws Exception;

  /** Delivered, or skipped with the reason. */
  record DeliveryOutcome(boolean skipped, String reason) {

    public static DeliveryOutcome sent() {
      return new DeliveryOutcome(false, null);
    }

    public static DeliveryOutcome skipped(String reason) {
      return new DeliveryOutcome(true, reason);
    }
  }
}
