package cn.duban.organisation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A small cache of display names with a time to live: names of units and people change rarely. */
final class DisplayNames {

  private record Entry(String name, long expiresAtNanos) {
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;

  DisplayNames(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  String get(String key, Supplier<String> load) {
    long now = System.nanoTime();
    Entry entry = entries.get(key);
    if (entry != null && entry.expiresAtNanos() - now > 0) {
      return entry.name();
    }
    String name = load.get();
    if (entries.size() > 10_000) {
      entries.clear();
    }
    entries.put(key, new Entry(name, now + ttlNanos));
    return name;
  }
}
