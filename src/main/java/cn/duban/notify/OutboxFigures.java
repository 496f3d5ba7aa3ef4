package cn.duban.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;

/**
 * The outbox as operators watch it (/actuator/prometheus): per channel, what waits and how long the oldest due
 * message has waited, and how many deliveries were sent or failed for good. Bureau-wide figures, read from the
 * database, so every node reports the same.
 */
@Service
public class OutboxFigures {

  /**
   * One channel's figures.
   *
   * @param waiting    deliveries not done yet (PENDING or SENDING), also those held back by quiet hours or a back-off
   * @param due        of those, the ones due now: a growing number means the channel does not keep up, or is down
   * @param oldestDue  how long the oldest due one has waited since its message was composed; zero when none is due
   * @param sent       deliveries done (sent, or skipped for want of a contact)
   * @param failed     deliveries failed for good (refused by the platform, given up after every retry, in doubt)
   */
  public record Channel(String name, boolean enabled, long waiting, long due, Duration oldestDue, long sent,
                        long failed) {
  }

  /**
   * @param uncomposed          notifications not yet composed into a message (digests wait a few minutes by design)
   * @param oldestUncomposedDue how long the oldest of them has been due to be composed; zero when none is due
   */
  public record Snapshot(long uncomposed, Duration oldestUncomposedDue, List<Channel> channels) {
  }

  private final NotificationRepository repository;
  private final List<NotificationChannel> channels;
  private final BureauClock clock;

  OutboxFigures(NotificationRepository repository, List<NotificationChannel> channels, BureauClock clock) {
    this.repository = repository;
    this.channels = List.copyOf(channels);
    this.clock = clock;
  }

  /** The names of the channels this node knows (enabled or not). */
  public List<String> channelNames() {
    return channels.stream().map(NotificationChannel::name).toList();
  }

  @Transactional(readOnly = true)
  public Snapshot read() {
    Instant now = clock.now();
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (NotificationRepository.Figure f : repository.figures()) {
      long[] n = totals.computeIfAbsent(f.channel(), c -> new long[2]);
      switch (f.status()) {
        case "SENT", "SKIPPED" -> n[0] += f.count();
        case "FAILED" -> n[1] += f.count();
        default -> {
        }
      }
    }
    Map<String, NotificationRepository.Backlog> backlog = new LinkedHashMap<>();
    repository.backlog(now).forEach(b -> backlog.put(b.channel(), b));
    List<Channel> figures = channels.stream().map(channel -> {
      long[] n = totals.getOrDefault(channel.name(), new long[2]);
      var b = backlog.getOrDefault(channel.name(), new NotificationRepository.Backlog(channel.name(), 0, 0, null));
      return new Channel(channel.name(), channel.enabled(), b.waiting(), b.due(), age(b.oldestDue(), now), n[0],
          n[1]);
    }).toList();
    NotificationRepository.Uncomposed uncomposed = repository.uncomposed(now);
    return new Snapshot(uncomposed.waiting(), age(uncomposed.oldestDue(), now), figures);
  }

  private static Duration age(Instant since, Instant now) {
    return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
  }
}
