package cn.duban.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel for tests: counts how often each message was handed to it and fails while {@link #failing} is set.
 * Stands for an SMS gateway (external) or a second table (transactional).
 */
class RecordingChannel implements NotificationChannel {

  private final String name;
  private final boolean transactional;
  private final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<Long> delivered = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  RecordingChannel(String name, boolean transactional) {
    this.name = name;
    this.transactional = transactional;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public boolean transactional() {
    return transactional;
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message) {
    calls.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
    if (failing) {
      throw new IllegalStateException("网关不可用 (gateway down)");
    }
    delivered.add(message.id());
    return DeliveryOutcome.sent();
  }

  int calls(long messageId) {
    AtomicInteger count = calls.get(messageId);
    return count == null ? 0 : count.get();
  }

  /** How often the message was delivered successfully. */
  long deliveries(long messageId) {
    return delivered.stream().filter(id -> id == messageId).count();
  }
}
