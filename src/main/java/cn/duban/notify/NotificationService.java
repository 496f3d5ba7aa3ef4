package cn.duban.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;

/**
 * Where the escalation ladder hands over notifications. {@link #enqueue} writes to the outbox in the caller's
 * transaction: called from a delegate or listener it joins the engine's transaction (Spring's transaction manager
 * is shared with Camunda), so the notification is stored if and only if the escalation step commits. Delivery
 * happens later, by {@link NotificationDeliverer}.
 */
@Service
public class NotificationService {

  private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

  private final NotificationRepository repository;
  private final BureauClock clock;
  private final NotifyProperties properties;

  NotificationService(NotificationRepository repository, BureauClock clock, NotifyProperties properties) {
    this.repository = repository;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Puts a notification in the outbox, unless one with the same dedup key (item, step, kind, deadline, day,
   * recipient) is there already.
   *
   * @return true when it was new, false when it had been enqueued before (a retried job, another node)
   */
  @Transactional
  public boolean enqueue(Notification notification) {
    return enqueue(notification, clock.now());
  }

  /**
   * Puts the notifications of one step (one per person told) in the outbox in one round trip, each unless it was
   * enqueued before; how many were new.
   */
  @Transactional
  public int enqueueAll(List<Notification> notifications) {
    return enqueueAll(notifications, clock.now());
  }

  @Transactional
  boolean enqueue(Notification notification, Instant now) {
    boolean created = enqueueAll(List.of(notification), now) == 1;
    if (!created) {
      log.debug("Notification already enqueued: {} {} {} for {} on {}", notification.kind(), notification.step(),
          notification.itemCode(), notification.recipient(), notification.day());
    }
    return created;
  }

  private int enqueueAll(List<Notification> notifications, Instant now) {
    // a digestible notification waits for the others of its person, kind and day (their timers fire one by one)
    Map<Instant, List<Notification>> byDeliverAfter = notifications.stream().collect(Collectors.groupingBy(
        n -> n.kind().digestible() ? now.plus(properties.digestDelay()) : now));
    int created = 0;
    for (Map.Entry<Instant, List<Notification>> batch : byDeliverAfter.entrySet()) {
      created += repository.insertAll(batch.getValue(), now, batch.getKey());
    }
    return created;
  }
}
