package cn.duban.notify;

import java.sql.Array;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * 通知偏好: per kind, which of the configured channels reach a person, and their quiet hours. The inbox always gets
 * everything and is not a choice; the bureau's defaults apply until a person chooses; compulsory kinds (督办) keep
 * at least one push channel; a person's quiet hours may only narrow the bureau's.
 */
@Service
public class NotificationPreferences {

  private final JdbcTemplate jdbc;
  private final List<NotificationChannel> channels;
  private final ChannelProperties properties;
  private final BureauClock clock;

  NotificationPreferences(JdbcTemplate jdbc, List<NotificationChannel> channels, ChannelProperties properties,
                          BureauClock clock) {
    this.jdbc = jdbc;
    this.channels = List.copyOf(channels);
    this.properties = properties;
    this.clock = clock;
  }

  /** A channel a person may choose. */
  public record ChannelOption(String name, String label, boolean push) {
  }

  /** A kind with the channels offered for it and those chosen. */
  public record KindChoice(NotificationKind kind, String label, List<ChannelOption> options, List<String> channels,
                           boolean compulsory, boolean urgent, boolean chosen) {
  }

  /**
   * What {@code GET /api/me/notification-preferences} shows.
   *
   * @param quietHours       the person's own quiet hours ("" none), null when they keep the bureau's
   * @param bureauQuietHours the bureau's ("" none)
   */
  public record View(List<KindChoice> kinds, String quietHours, String bureauQuietHours, String effectiveQuietHours) {
  }

  /**
   * A change: the channels of the kinds given (others stay), and the quiet hours: null keeps the bureau's, "" none,
   * "23:00-07:00" a narrower window.
   */
  public record Update(Map<NotificationKind, List<String>> kinds, String quietHours) {
  }

  @Transactional(readOnly = true)
  public View of(String userId) {
    Map<NotificationKind, List<String>> stored = stored(userId);
    List<KindChoice> kinds = new ArrayList<>();
    for (NotificationKind kind : NotificationKind.personal()) {
      List<ChannelOption> options = options(kind);
      kinds.add(new KindChoice(kind, kind.label(), options, List.copyOf(chosen(kind, stored.get(kind))),
          compulsory(kind), kind.urgent(), stored.containsKey(kind)));
    }
    Optional<String> own = ownQuietHours(userId);
    return new View(kinds, own.orElse(null), properties.bureauQuietHours().toString(),
        quietHours(userId).toString());
  }

  @Transactional
  public View update(String userId, Update update) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<NotificationKind, List<String>> kinds = update.kinds() == null ? Map.of() : update.kinds();
    Map<NotificationKind, List<String>> accepted = new EnumMap<>(NotificationKind.class);
    for (var entry : kinds.entrySet()) {
      NotificationKind kind = entry.getKey();
      if (kind == null || kind == NotificationKind.UNIT_DIGEST) {
        problems.add(new FieldProblem("kinds", String.valueOf(kind), "没有这种通知：" + kind));
        continue;
      }
      List<ChannelOption> options = options(kind);
      Set<String> wanted = new LinkedHashSet<>(entry.getValue() == null ? List.of() : entry.getValue());
      for (String name : wanted) {
        if (options.stream().noneMatch(o -> o.name().equals(name))) {
          problems.add(new FieldProblem("kinds." + kind.name(), name, "「" + kind.label() + "」不能选择渠道「" + name
              + "」：可选的是 " + String.join("、", options.stream().map(ChannelOption::label).toList())
              + "（站内通知总会收到，不用选择）"));
        }
      }
      boolean pushOffered = options.stream().anyMatch(ChannelOption::push);
      boolean pushChosen = options.stream().anyMatch(o -> o.push() && wanted.contains(o.name()));
      if (compulsory(kind) && pushOffered && !pushChosen) {
        problems.add(new FieldProblem("kinds." + kind.name(), wanted, "「" + kind.label() + "」必须至少通过一个推送渠道（"
            + String.join("、", options.stream().filter(ChannelOption::push).map(ChannelOption::label).toList())
            + "）送达，不能全部关闭"));
      }
      accepted.put(kind, List.copyOf(wanted));
    }
    String quiet = update.quietHours();
    if (quiet != null) {
      try {
        QuietHours own = QuietHours.parse(quiet);
        QuietHours bureau = properties.bureauQuietHours();
        if (!own.within(bureau)) {
          problems.add(new FieldProblem("quietHours", quiet, bureau.none()
              ? "单位没有设免打扰时段，个人也不能设置"
              : "免打扰时段只能在单位的 " + bureau + " 之内缩短，不能延长或移到其他时间"));
        }
        quiet = own.toString();
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("quietHours", quiet, e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.get(0).message(), problems);
    }
    Timestamp now = Timestamp.from(clock.now());
    accepted.forEach((kind, list) -> jdbc.update("insert into duban.notification_preference (user_id, kind, channels, "
            + "updated_at) values (?, ?, ?, ?) on conflict (user_id, kind) do update set channels = excluded.channels, "
            + "updated_at = excluded.updated_at", userId, kind.name(), list.toArray(String[]::new), now));
    if (quiet == null) {
      jdbc.update("delete from duban.notification_quiet_hours where user_id = ?", userId);
    } else {
      jdbc.update("insert into duban.notification_quiet_hours (user_id, quiet_hours, updated_at) values (?, ?, ?) "
          + "on conflict (user_id) do update set quiet_hours = excluded.quiet_hours, updated_at = excluded.updated_at",
          userId, quiet, now);
    }
    return of(userId);
  }

  /** The channels that reach the person for this kind (besides the inbox). */
  public Set<String> channelsFor(String userId, NotificationKind kind) {
    return chosen(kind, stored(userId).get(kind));
  }

  /** The person's quiet hours: their own if they narrowed the bureau's, else the bureau's. */
  public QuietHours quietHours(String userId) {
    return ownQuietHours(userId).map(QuietHours::parse).orElse(properties.bureauQuietHours());
  }

  /** The channels configured on this node that people choose from for a kind. */
  List<ChannelOption> options(NotificationKind kind) {
    return channels.stream()
        .filter(c -> c.audience() == NotificationChannel.Audience.CHOSEN && c.kinds().contains(kind) && c.enabled())
        .map(c -> new ChannelOption(c.name(), c.label(), c.push())).toList();
  }

  private boolean compulsory(NotificationKind kind) {
    return properties.preferences().compulsory().contains(kind);
  }

  /**
   * The person's choice among today's options (a channel switched off since drops out); without a choice the
   * bureau's default; a compulsory kind left without a push channel gets the default push channels back.
   */
  private Set<String> chosen(NotificationKind kind, List<String> stored) {
    List<ChannelOption> options = options(kind);
    List<String> defaults = properties.preferences().defaults().get(kind);
    Set<String> chosen = new LinkedHashSet<>();
    for (ChannelOption option : options) {
      List<String> wanted = stored != null ? stored : defaults;
      if (wanted == null || wanted.contains(option.name())) {
        chosen.add(option.name());
      }
    }
    if (compulsory(kind) && options.stream().noneMatch(o -> o.push() && chosen.contains(o.name()))) {
      options.stream().filter(ChannelOption::push).forEach(o -> chosen.add(o.name()));
    }
    return chosen;
  }

  private Map<NotificationKind, List<String>> stored(String userId) {
    Map<NotificationKind, List<String>> stored = new EnumMap<>(NotificationKind.class);
    jdbc.query("select kind, channels from duban.notification_preference where user_id = ?", rs -> {
      Array array = rs.getArray("channels");
      stored.put(NotificationKind.valueOf(rs.getString("kind")), Arrays.asList((String[]) array.getArray()));
    }, userId);
    return stored;
  }

  private Optional<String> ownQuietHours(String userId) {
    return jdbc.queryForList("select quiet_hours from duban.notification_quiet_hours where user_id = ?", String.class,
        userId).stream().findFirst();
  }
}
