package cn.duban.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.notify.NotificationChannel.Attempt;
import cn.duban.notify.NotificationChannel.DeliveryOutcome;
import cn.duban.notify.NotificationRepository.Due;
import cn.duban.notify.NotificationRepository.Group;
import cn.duban.notify.NotificationRepository.StoredNotification;
import cn.duban.system.BureauClock;

/**
 * Works through the outbox: composes due notifications into messages (a digest per person, kind and day for
 * digestible kinds), then delivers each message once through every enabled channel, with retries and exponential
 * back-off. Any number of nodes may run this on one database at the same time: groups are composed under an
 * advisory lock and deliveries are taken with {@code FOR UPDATE SKIP LOCKED}, so no two nodes handle the same row.
 * <p>
 * Runs in transactions of its own (never in a caller's): called by {@link NotificationScheduling} every few seconds,
 * or directly by tests.
 */
@Component
public class NotificationDeliverer {

  private static final Logger log = LoggerFactory.getLogger(NotificationDeliverer.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  private final NotificationRepository repository;
  private final List<NotificationChannel> channels;
  private final NotifyProperties properties;
  private final BureauClock clock;
  private final TransactionTemplate transaction;
  private final DeliveryPlanner planner;

  /** Every message on every active channel, at once (no preferences, no quiet hours): for tests of the outbox. */
  public NotificationDeliverer(NotificationRepository repository, List<NotificationChannel> channels,
                               NotifyProperties properties, BureauClock clock, PlatformTransactionManager transactions) {
    this(repository, channels, properties, clock, transactions, DeliveryPlanner.EVERY_CHANNEL);
  }

  @Autowired
  NotificationDeliverer(NotificationRepository repository, List<NotificationChannel> channels,
                        NotifyProperties properties, BureauClock clock, PlatformTransactionManager transactions,
                        DeliveryPlanner planner) {
    this.repository = repository;
    this.channels = List.copyOf(channels);
    this.properties = properties;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.planner = planner;
  }

  /** What one run did. */
  public record Run(int composed, int delivered, int failed) {

    public boolean didWork() {
      return composed + delivered + failed > 0;
    }
  }

  /** Composes and delivers what is due now. */
  public Run deliverDue() {
    return deliverDue(clock.now());
  }

  Run deliverDue(Instant now) {
    List<NotificationChannel> active = channels.stream().filter(NotificationChannel::enabled).toList();
    int composed = compose(now, active);
    int delivered = 0;
    int failed = 0;
    for (NotificationChannel channel : active) {
      Tally tally = channel.transactional() ? deliverInTransaction(channel, now) : deliverExternally(channel, now);
      delivered += tally.delivered;
      failed += tally.failed;
    }
    return new Run(composed, delivered, failed);
  }

  /** The names of the channels this node delivers through now. */
  public List<String> activeChannels() {
    return channels.stream().filter(NotificationChannel::enabled).map(NotificationChannel::name).toList();
  }

  // --- composing ----------------------------------------------------------------------------------------------

  private int compose(Instant now, List<NotificationChannel> active) {
    Integer composed = transaction.execute(status -> {
      int count = 0;
      for (Group group : repository.dueGroups(now, properties.batchSize())) {
        // another node composing this group right now: it takes all of it, this node takes none of it
        if (!repository.tryLock(group)) {
          continue;
        }
        List<StoredNotification> waiting = repository.lockWaiting(group);
        if (waiting.isEmpty()) {
          continue; // composed by another node since dueGroups was read
        }
        List<Notification> items = MessageComposer.sorted(waiting.stream().map(StoredNotification::notification).toList());
        long messageId = repository.insertMessage(group, MessageComposer.compose(items), items.size(), now);
        repository.attach(waiting.stream().map(StoredNotification::id).toList(), messageId);
        planner.plan(group.recipient(), group.kind(), active, now)
            .forEach((channel, from) -> repository.insertDelivery(messageId, channel.name(), from, now));
        count++;
      }
      return count;
    });
    return composed == null ? 0 : composed;
  }

  // --- delivering ---------------------------------------------------------------------------------------------

  /**
   * A channel that writes to duban's database (the inbox): it delivers inside the transaction that marks the
   * delivery done, so each message arrives exactly once. A failing message is rolled back to its savepoint and
   * retried later; the others of the batch are not affected.
   */
  private Tally deliverInTransaction(NotificationChannel channel, Instant now) {
    Tally tally = new Tally();
    transaction.executeWithoutResult(status -> {
      for (Due due : repository.lockDue(channel.name(), now, properties.batchSize())) {
        int attempts = due.attempts() + 1;
        Object savepoint = status.createSavepoint();
        try {
          DeliveryOutcome outcome = channel.deliver(message(due), new Attempt(attempts, false, now));
          status.releaseSavepoint(savepoint);
          repository.markDone(due.messageId(), channel.name(), due.attempts(), attempts, outcome, now);
          tally.delivered++;
        } catch (Exception e) {
          status.rollbackToSavepoint(savepoint);
          recordFailure(channel, null, due.messageId(), due.attempts(), attempts, e, now);
          tally.failed++;
        }
      }
    });
    return tally;
  }

  /**
   * A channel that talks to another system (SMTP): one message at a time, claimed in a committed transaction
   * (SENDING, attempt counted) before it is sent, and marked SENT in another one after.
   * <p>
   * At-least-once window: if this node dies (or its database connection drops) after the server accepted the
   * message and before the second transaction commits, the claim expires after {@code send-timeout} and the
   * message is sent once more, by this or another node: with the same Message-ID, so mail clients can tell.
   * Only that one message can be doubled; nothing is lost.
   */
  private Tally deliverExternally(NotificationChannel channel, Instant runStart) {
    Tally tally = new Tally();
    Instant clockAtStart = clock.now();
    for (int i = 0; i < properties.batchSize(); i++) {
      // each claim's lease runs from the moment it is taken, not from the start of the run: a slow mail server can
      // make a batch outlast the send timeout, and a lease that had expired before its send began would let another
      // node send the same message again
      Instant now = elapsedSince(runStart, clockAtStart);
      Optional<Due> claimed = transaction.execute(
          status -> repository.claimOne(channel.name(), now, now.plus(properties.sendTimeout())));
      if (claimed == null || claimed.isEmpty()) {
        break;
      }
      Due due = claimed.get();
      NotificationMessage message = null;
      try {
        message = message(due);
        DeliveryOutcome outcome = channel.deliver(message, new Attempt(due.attempts(), due.resumed(), now));
        Instant sent = elapsedSince(runStart, clockAtStart);
        Boolean recorded = transaction.execute(status ->
            repository.markDone(due.messageId(), channel.name(), due.attempts(), due.attempts(), outcome, sent));
        if (!Boolean.TRUE.equals(recorded)) {
          log.warn("Message {} sent by {} after its claim had expired; another node may send it again",
              due.messageId(), channel.name());
        }
        tally.delivered++;
      } catch (Exception e) {
        NotificationMessage failed = message;
        transaction.executeWithoutResult(status ->
            recordFailure(channel, failed, due.messageId(), due.attempts(), due.attempts(), e, now));
        tally.failed++;
        if (!(e instanceof NotificationChannel.PermanentFailure)) {
          // most likely the server is down or asks to slow down: leave the rest to the next run
          break;
        }
      }
    }
    return tally;
  }

  /**
   * The run's time moved on by the whole seconds the bureau's clock has advanced since the run started (seconds are
   * enough for leases, and a run's own instants stay as given).
   */
  private Instant elapsedSince(Instant runStart, Instant clockAtStart) {
    return runStart.plusSeconds(java.time.Duration.between(clockAtStart, clock.now()).toSeconds());
  }

  /** Deliveries done (sent or skipped) and attempts failed on one channel in one run. */
  private static final class Tally {
    int delivered;
    int failed;
  }

  private NotificationMessage message(Due due) {
    return repository.message(due.messageId())
        .orElseThrow(() -> new IllegalStateException("No notification message " + due.messageId()));
  }

  private void recordFailure(NotificationChannel channel, NotificationMessage message, long messageId,
                             int expectedAttempts, int attempts, Exception e, Instant now) {
    String error = describe(e);
    if (e instanceof NotificationChannel.PermanentFailure || e instanceof NotificationChannel.InDoubt) {
      String failure = e instanceof NotificationChannel.InDoubt ? "IN_DOUBT" : "PERMANENT";
      String reason = cn.duban.organisation.PersonContacts.maskMobiles(e.getMessage());
      repository.markFailed(messageId, channel.name(), expectedAttempts, attempts, reason, null, failure, now);
      log.error("Message {} on channel {} failed for good ({}): {}", messageId, channel.name(), failure, reason);
    } else if (e instanceof NotificationChannel.RateLimited limited) {
      // the platform's limit, not a fault of the message: not counted towards max-attempts
      Instant retryAt = notBefore(channel, message, now.plus(limited.waitFor()));
      repository.markFailed(messageId, channel.name(), expectedAttempts, Math.max(0, attempts - 1), error, retryAt,
          null, now);
      log.warn("Message {} on channel {} rate-limited, retrying at {}: {}", messageId, channel.name(), retryAt, error);
    } else if (attempts >= properties.maxAttempts()) {
      repository.markFailed(messageId, channel.name(), expectedAttempts, attempts, error, null, "GAVE_UP", now);
      log.error("Giving up message {} on channel {} after {} attempts (kept as FAILED): {}", messageId,
          channel.name(), attempts, error);
    } else {
      Instant retryAt = notBefore(channel, message, now.plus(properties.backoff(attempts)));
      repository.markFailed(messageId, channel.name(), expectedAttempts, attempts, error, retryAt, null, now);
      log.warn("Message {} on channel {} failed (attempt {} of {}), retrying at {}: {}", messageId, channel.name(),
          attempts, properties.maxAttempts(), retryAt, error);
    }
  }

  /** A retry of a push waits out the person's quiet hours too. */
  private Instant notBefore(NotificationChannel channel, NotificationMessage message, Instant retryAt) {
    return message == null ? retryAt : planner.notBefore(message.recipient(), message.kind(), channel, retryAt);
  }

  static String describe(Throwable e) {
    List<String> causes = new ArrayList<>();
    for (Throwable t = e; t != null && causes.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      causes.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().strip()));
    }
    // a platform's answer may quote a mobile number: never stored or logged in full
    String text = cn.duban.organisation.PersonContacts.maskMobiles(String.join(" <- ", causes));
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }
}
