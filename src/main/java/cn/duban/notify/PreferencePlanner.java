package cn.duban.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.duban.system.BureauClock;

/** The planner of a running duban: people's preferences and quiet hours ({@link NotificationPreferences}). */
@Component
class PreferencePlanner implements DeliveryPlanner {

  private final NotificationPreferences preferences;
  private final BureauClock clock;

  PreferencePlanner(NotificationPreferences preferences, BureauClock clock) {
    this.preferences = preferences;
    this.clock = clock;
  }

  @Override
  public Map<NotificationChannel, Instant> plan(String recipient, NotificationKind kind,
                                                List<NotificationChannel> active, Instant now) {
    Map<NotificationChannel, Instant> plan = new LinkedHashMap<>();
    Set<String> chosen = null;
    for (NotificationChannel channel : active) {
      switch (channel.audience()) {
        case EVERYONE -> plan.put(channel, now);
        case CHOSEN -> {
          if (chosen == null) {
            chosen = preferences.channelsFor(recipient, kind);
          }
          if (chosen.contains(channel.name())) {
            plan.put(channel, notBefore(recipient, kind, channel, now));
          }
        }
        case UNITS -> {
          // robots post units' digests, never a person's message
        }
      }
    }
    return plan;
  }

  @Override
  public Instant notBefore(String recipient, NotificationKind kind, NotificationChannel channel, Instant at) {
    if (!channel.push() || kind.urgent()) {
      return at;
    }
    return preferences.quietHours(recipient).after(at, clock.zone());
  }
}
