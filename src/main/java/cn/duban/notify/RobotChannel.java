package cn.duban.notify;

import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.system.BureauClock;

/**
 * Group robots (钉钉, 企业微信, 飞书 custom robots): a unit's daily digest of overdue items, posted to the webhook an
 * admin set, signed as the platform asks (钉钉: timestamp and HmacSHA256 sign in the URL; 飞书: timestamp and sign in
 * the body; 企业微信: the key in the URL). At most 20 posts a minute per robot ({@link RobotRateLimit}).
 * <p>
 * A robot cannot be asked whether a post arrived and a group must not get a digest twice: a post whose answer did
 * not come back (timeout), or that a node was in the middle of when it died, is not sent again by itself; it is
 * marked failed ("结果未知") for an admin to check the group and retry.
 */
@Component
class RobotChannel implements NotificationChannel {

  static final String NAME = "robot";
  static final String RECIPIENT_PREFIX = "unit:";

  private final UnitRobots robots;
  private final RobotRateLimit rateLimit;
  private final BureauClock clock;
  private final String dubanUrl;
  private final PlatformHttp http;

  @Autowired
  RobotChannel(UnitRobots robots, RobotRateLimit rateLimit, BureauClock clock, ChannelProperties properties,
               NotifyProperties notify) {
    this(robots, rateLimit, clock, properties.httpTimeout(), notify.baseUrl());
  }

  RobotChannel(UnitRobots robots, RobotRateLimit rateLimit, BureauClock clock, Duration timeout, String dubanUrl) {
    this.robots = robots;
    this.rateLimit = rateLimit;
    this.clock = clock;
    this.dubanUrl = dubanUrl;
    this.http = new PlatformHttp(timeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "群机器人";
  }

  /** On once an admin has set a unit's robot (each channel is off until configured). */
  @Override
  public boolean enabled() {
    return robots.any();
  }

  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public Audience audience() {
    return Audience.UNITS;
  }

  @Override
  public Set<NotificationKind> kinds() {
    return Set.of(NotificationKind.UNIT_DIGEST);
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message) throws Exception {
    return deliver(message, Attempt.first(clock.now()));
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
    if (!message.recipient().startsWith(RECIPIENT_PREFIX)) {
      return DeliveryOutcome.skipped("not a unit's message");
    }
    String unitId = message.recipient().substring(RECIPIENT_PREFIX.length());
    Optional<UnitRobots.Robot> found = robots.of(unitId);
    if (found.isEmpty()) {
      return DeliveryOutcome.skipped("unit " + unitId + " has no robot");
    }
    if (attempt.resumed()) {
      throw new InDoubt("结果未知：发送途中节点中断，无法确认群里是否已收到。请在群里查看，没有收到再点「重试」。");
    }
    UnitRobots.Robot robot = found.get();
    Instant now = attempt.at();
    Optional<Duration> wait = rateLimit.take(robot.key(), now);
    if (wait.isPresent()) {
      throw new RateLimited("群机器人每分钟最多 20 条，本条排队等待", wait.get());
    }
    JsonNode answer;
    try {
      answer = post(robot, text(message, robot), now);
    } catch (HttpTimeoutException e) {
      throw new InDoubt("结果未知：群机器人在规定时间内没有应答，无法确认群里是否已收到。请在群里查看，没有收到再点「重试」。");
    }
    return outcome(robot, answer);
  }

  private JsonNode post(UnitRobots.Robot robot, String text, Instant now) throws Exception {
    long timestamp = now.toEpochMilli();
    switch (robot.type()) {
      case "dingtalk" -> {
        String url = robot.webhook();
        if (robot.secret() != null) {
          // 加签: HmacSHA256 of "timestamp\nsecret" with the secret, Base64, URL-encoded
          String sign = PlatformHttp.encode(hmac(robot.secret(), timestamp + "\n" + robot.secret()));
          url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign;
        }
        return http.postJson(url, Map.of("msgtype", "markdown",
            "markdown", Map.of("title", title(text), "text", text)));
      }
      case "wecom" -> {
        return http.postJson(robot.webhook(), Map.of("msgtype", "markdown", "markdown",
            Map.of("content", PushText.limit(text, 4096))));
      }
      default -> {
        Map<String, Object> body = new LinkedHashMap<>();
        if (robot.secret() != null) {
          // 飞书 签名校验: seconds; HmacSHA256 keyed with "timestamp\nsecret" over nothing, Base64
          long seconds = now.getEpochSecond();
          body.put("timestamp", String.valueOf(seconds));
          body.put("sign", hmac(seconds + "\n" + robot.secret(), ""));
        }
        body.put("msg_type", "text");
        body.put("content", Map.of("text", text));
        return http.postJson(robot.webhook(), body);
      }
    }
  }

  private DeliveryOutcome outcome(UnitRobots.Robot robot, JsonNode answer) throws Exception {
    int code = answer.has("code") ? answer.path("code").asInt(-1)
        : answer.has("StatusCode") ? answer.path("StatusCode").asInt(-1) : answer.path("errcode").asInt(-1);
    String reason = robot.typeLabel() + "群机器人 " + code + "：" + answer.path(answer.has("msg") ? "msg"
        : answer.has("StatusMessage") ? "StatusMessage" : "errmsg").asText("");
    if (code == 0) {
      return DeliveryOutcome.sent();
    }
    boolean limited = switch (robot.type()) {
      case "dingtalk" -> code == 130101;
      case "wecom" -> code == 45009;
      default -> code == 9499 || code == 11232;
    };
    if (limited) {
      throw new RateLimited(reason, Duration.ofMinutes(1));
    }
    boolean permanent = switch (robot.type()) {
      // 310000: sign, keyword or IP refused; 300001/400102: robot removed or stopped
      case "dingtalk" -> code == 310000 || code == 300001 || code == 400102;
      // 93000: invalid webhook; 93004: robot stopped
      case "wecom" -> code == 93000 || code == 93004;
      // 19021: sign; 19024: keyword; 19001: invalid webhook
      default -> code == 19021 || code == 19024 || code == 19001;
    };
    if (permanent) {
      throw new PermanentFailure(reason + "（请检查该部门群机器人的地址、签名密钥或关键词）");
    }
    throw new IllegalStateException(reason);
  }

  /** The digest as the group sees it; the robot's keyword (if it checks one) leads the title. */
  private String text(NotificationMessage message, UnitRobots.Robot robot) {
    StringBuilder text = new StringBuilder();
    if (robot.keyword() != null && !message.subject().contains(robot.keyword())
        && !message.body().contains(robot.keyword())) {
      text.append('【').append(robot.keyword()).append('】');
    }
    text.append(message.subject()).append("\n\n").append(message.body());
    text.append("\n\n查看：").append(MailText.url(dubanUrl, message.link()));
    return text.toString();
  }

  private static String title(String text) {
    int end = text.indexOf('\n');
    return PushText.limit(end < 0 ? text : text.substring(0, end), 64);
  }

  static String hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
