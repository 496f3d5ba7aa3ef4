package cn.duban.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import cn.duban.organisation.ContactService;
import cn.duban.system.BureauClock;

/**
 * duban's push channels and robots pointed at {@link FakePlatforms}, with a deliverer that plans by people's
 * preferences and quiet hours, as a running duban has it. Built on the shared test context's database, inbox and
 * services (no second application context). Public for the escalation tests.
 */
public final class PushChannels {

  static final String BASE_URL = "https://duban.example.gov.cn";

  final ChannelProperties properties;
  final WeComChannel wecom;
  final DingTalkChannel dingtalk;
  final AliyunSmsChannel sms;
  final RobotChannel robot;
  final List<NotificationChannel> channels;
  final NotificationPreferences preferences;
  final NotifyProperties notify;
  private final NotificationRepository repository;
  private final BureauClock clock;
  private final PlatformTransactionManager transactions;
  private final DeliveryPlanner planner;

  PushChannels(String platformUrl, InboxChannel inbox, ContactService contacts, UnitRobots robots,
               NotificationRepository repository, JdbcTemplate jdbc, BureauClock clock,
               PlatformTransactionManager transactions) {
    this.properties = new ChannelProperties("22:00-07:30", Duration.ofSeconds(5),
        new ChannelProperties.Wecom(FakePlatforms.WECOM_CORP, "1000002", FakePlatforms.WECOM_SECRET, platformUrl,
            Duration.ofHours(4)),
        new ChannelProperties.Dingtalk(FakePlatforms.DING_KEY, FakePlatforms.DING_SECRET, "2000001", platformUrl),
        new ChannelProperties.Sms("aliyun", FakePlatforms.SMS_KEY_ID, FakePlatforms.SMS_SECRET, "督办系统", platformUrl,
            "cn-hangzhou", Map.of(NotificationKind.SUPERVISION, "SMS_100001", NotificationKind.BULLETIN, "SMS_100002"),
            List.of(NotificationKind.SUPERVISION, NotificationKind.BULLETIN)),
        new ChannelProperties.Robots(LocalTime.of(9, 0), 20, 20),
        new ChannelProperties.Preferences(Map.of(), List.of(NotificationKind.SUPERVISION)));
    this.notify = NotifyFixtures.properties(10, Duration.ofSeconds(30));
    this.wecom = new WeComChannel(properties.wecom(), properties.httpTimeout(), BASE_URL, contacts, clock);
    this.dingtalk = new DingTalkChannel(properties.dingtalk(), properties.httpTimeout(), BASE_URL, contacts, clock);
    this.sms = new AliyunSmsChannel(properties.sms(), properties.httpTimeout(), contacts, clock);
    this.robot = new RobotChannel(robots, new RobotRateLimit(jdbc, transactions, properties), clock,
        properties.httpTimeout(), BASE_URL);
    this.channels = List.of(inbox, wecom, dingtalk, sms, robot);
    this.preferences = new NotificationPreferences(jdbc, channels, properties, clock);
    this.planner = new PreferencePlanner(preferences, clock);
    this.repository = repository;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** The channels pointed at {@code platformUrl}, on the beans of the running test context. */
  public static PushChannels of(org.springframework.context.ApplicationContext context, String platformUrl) {
    return new PushChannels(platformUrl, context.getBean(InboxChannel.class), context.getBean(ContactService.class),
        context.getBean(UnitRobots.class), context.getBean(NotificationRepository.class),
        context.getBean(JdbcTemplate.class), context.getBean(BureauClock.class),
        context.getBean(PlatformTransactionManager.class));
  }

  /** One run of a node with these channels, at the bureau's clock. */
  public NotificationDeliverer.Run deliverDue() {
    return deliverer().deliverDue();
  }

  /** A deliverer of a node with these channels. */
  NotificationDeliverer deliverer() {
    return deliverer(channels);
  }

  NotificationDeliverer deliverer(List<NotificationChannel> on) {
    return new NotificationDeliverer(repository, on, notify, clock, transactions, planner);
  }

  /** A node that dies right after the platform accepted a message on {@code dying}, before it records the outcome. */
  NotificationDeliverer dyingDeliverer(NotificationChannel dying) {
    List<NotificationChannel> on = new ArrayList<>();
    for (NotificationChannel c : channels) {
      on.add(c == dying ? new Dying(c) : c);
    }
    return deliverer(on);
  }

  /** What kills a node: not an exception any code catches. */
  static final class NodeDied extends Error {
    NodeDied() {
      super("kill -9");
    }
  }

  private record Dying(NotificationChannel channel) implements NotificationChannel {

    @Override
    public String name() {
      return channel.name();
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public boolean transactional() {
      return false;
    }

    @Override
    public Audience audience() {
      return channel.audience();
    }

    @Override
    public boolean push() {
      return channel.push();
    }

    @Override
    public java.util.Set<NotificationKind> kinds() {
      return channel.kinds();
    }

    @Override
    public DeliveryOutcome deliver(NotificationMessage message) throws Exception {
      return deliver(message, Attempt.first(java.time.Instant.now()));
    }

    @Override
    public DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
      channel.deliver(message, attempt);
      throw new NodeDied();
    }
  }
}
