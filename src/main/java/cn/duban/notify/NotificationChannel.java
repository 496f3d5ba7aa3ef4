package cn.duban.notify;

import java.time.Duration;
import java.util.Set;

/**
 * A way of delivering messages: the in-app inbox, e-mail, 企业微信, 钉钉, SMS, group robots.
 * {@link NotificationDeliverer} keeps each channel's attempts, back-off and errors; a {@link DeliveryPlanner} decides
 * which messages a channel gets (every message, or those a person chose for their kind).
 */
public interface NotificationChannel {

  /** Stable id stored with each delivery, e.g. {@code inbox}, {@code email} (at most 20 characters). */
  String name();

  /** Whether this node delivers through this channel now (switched on and configured). */
  boolean enabled();

  /**
   * True for a channel that only writes to duban's database: it is called inside the transaction that marks the
   * delivery done, so it delivers exactly once. False for a channel that talks to another system (SMTP …): the
   * delivery is claimed in a committed transaction first and marked done after (see {@link Attempt#resumed}).
   */
  boolean transactional();

  /**
   * Delivers one message. Throws when it could not be delivered now (it is retried with back-off), a
   * {@link PermanentFailure} when it never will be (FAILED at once, with the platform's reason), a
   * {@link RateLimited} when the platform asks to slow down; returns {@link DeliveryOutcome#skipped} when the
   * recipient cannot be reached on this channel (no e-mail address, no userid).
   */
  DeliveryOutcome deliver(NotificationMessage message) throws Exception;

  /** {@link #deliver(NotificationMessage)} knowing which attempt this is; channels that care override this one. */
  default DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
    return deliver(message);
  }

  /** Who the channel's messages are for. */
  default Audience audience() {
    return Audience.EVERYONE;
  }

  /** A push to people's phones (企业微信, 钉钉, SMS): waits out quiet hours unless the kind is urgent. */
  default boolean push() {
    return false;
  }

  /** The kinds this channel carries (SMS only the serious ones). */
  default Set<NotificationKind> kinds() {
    return Set.of(NotificationKind.values());
  }

  /** The channel's Chinese name on pages. */
  default String label() {
    return name();
  }

  /** Who gets a channel's messages. */
  enum Audience {
    /** every message of every person (the inbox; test channels) */
    EVERYONE,
    /** a person's messages of the kinds they chose it for (e-mail, push channels) */
    CHOSEN,
    /** units' digests only (group robots) */
    UNITS
  }

  /**
   * @param number  1 for the first attempt
   * @param resumed the delivery was claimed before by a node that did not record the outcome (it died, or lost its
   *                database connection, in the middle of the send): the message may have arrived already
   * @param at      when the attempt is made, on the deliverer's clock (rate limits count on it)
   */
  record Attempt(int number, boolean resumed, java.time.Instant at) {

    public static Attempt first(java.time.Instant at) {
      return new Attempt(1, false, at);
    }
  }

  /** Delivered, or skipped with the reason. */
  record DeliveryOutcome(boolean skipped, String reason) {

    public static DeliveryOutcome sent() {
      return new DeliveryOutcome(false, null);
    }

    public static DeliveryOutcome skipped(String reason) {
      return new DeliveryOutcome(true, reason);
    }
  }

  /** The platform refused the message for good (unknown user, app blocked, invalid template): no more attempts. */
  class PermanentFailure extends Exception {

    public PermanentFailure(String reason) {
      super(reason);
    }
  }

  /**
   * Whether the message arrived cannot be known and sending it again could double it (a group robot): it is not
   * sent again by itself; an admin checks and retries.
   */
  class InDoubt extends Exception {

    public InDoubt(String reason) {
      super(reason);
    }
  }

  /** The platform asks to slow down: tried again after {@code wait}; not counted as a failed attempt. */
  class RateLimited extends Exception {

    private final transient Duration wait;

    public RateLimited(String reason, Duration wait) {
      super(reason);
      this.wait = wait;
    }

    public Duration waitFor() {
      return wait;
    }
  }
}
