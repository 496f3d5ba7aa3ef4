package cn.duban.operations;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A figure read from the database, reused for a while ({@code duban.metrics.cache-for}). When the read fails (the
 * database is down) the figure is unknown ({@code null}: the gauges say NaN) rather than the scrape failing.
 */
final class Cached<T> implements Supplier<T> {

  private static final Logger log = LoggerFactory.getLogger(Cached.class);

  private final Supplier<T> read;
  private final long ttlNanos;
  private T value;
  private long readAt;
  private boolean fresh;

  Cached(Duration ttl, Supplier<T> read) {
    this.read = read;
    this.ttlNanos = ttl.toNanos();
  }

  @Override
  public synchronized T get() {
    long now = System.nanoTime();
    if (!fresh || now - readAt >= ttlNanos) {
      try {
        value = read.get();
      } catch (RuntimeException e) {
        log.warn("A figure for /actuator/prometheus could not be read: {}", e.toString());
        value = null;
      }
      readAt = now;
      fresh = true;
    }
    return value;
  }
}
