package cn.duban.notify;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The push channels, robots, preferences and quiet hours, under {@code duban.notify.*} beside
 * {@link NotifyProperties} (the outbox's own settings). Each channel is off until its settings are filled in;
 * every base URL is configurable because 政务微信, 政务钉钉 and private deployments run on their own hosts.
 *
 * @param quietHours  HH:mm-HH:mm in the bureau's zone during which push messages other than 督办 and 通报 wait;
 *                    blank: no quiet hours
 * @param httpTimeout how long a call to a platform may take before it counts as failed
 */
@ConfigurationProperties(prefix = "duban.notify")
public record ChannelProperties(
    @DefaultValue("22:00-07:30") String quietHours,
    @DefaultValue("15s") Duration httpTimeout,
    @DefaultValue Wecom wecom,
    @DefaultValue Dingtalk dingtalk,
    @DefaultValue Sms sms,
    @DefaultValue Robots robots,
    @DefaultValue Preferences preferences) {

  public ChannelProperties {
    QuietHours.parse(quietHours); // refuses a malformed DUBAN_QUIET_HOURS at start-up
  }

  /** The bureau's quiet hours, or none. */
  public QuietHours bureauQuietHours() {
    return QuietHours.parse(quietHours);
  }

  /**
   * 企业微信 / 政务微信 application messages (应用消息).
   *
   * @param duplicateCheckInterval the platform drops a message identical to one sent to the same person within this
   *                               time (enable_duplicate_check; at most 4 h): a message sent again after a node died
   *                               mid-send is not shown twice
   */
  public record Wecom(String corpId, String agentId, String secret,
                      @DefaultValue("https://qyapi.weixin.qq.com") String baseUrl,
                      @DefaultValue("4h") Duration duplicateCheckInterval) {

    public boolean configured() {
      return StringUtils.hasText(corpId) && StringUtils.hasText(agentId) && StringUtils.hasText(secret);
    }
  }

  /** 钉钉 / 政务钉钉 (专属钉钉) work notifications (工作通知). */
  public record Dingtalk(String appKey, String appSecret, String agentId,
                         @DefaultValue("https://oapi.dingtalk.com") String baseUrl) {

    public boolean configured() {
      return StringUtils.hasText(appKey) && StringUtils.hasText(appSecret) && StringUtils.hasText(agentId);
    }
  }

  /**
   * SMS through a provider's template API (Alibaba Cloud SMS: {@code provider=aliyun}).
   *
   * @param templates a template code per kind (SUPERVISION, BULLETIN, CHASE); a kind without one is not sent by SMS
   * @param kinds     the kinds sent by SMS: 督办 and 通报; add CHASE for 逾期催办
   */
  public record Sms(String provider, String accessKeyId, String accessKeySecret, String signName,
                    @DefaultValue("https://dysmsapi.aliyuncs.com") String baseUrl,
                    @DefaultValue("cn-hangzhou") String regionId,
                    Map<NotificationKind, String> templates,
                    @DefaultValue("SUPERVISION,BULLETIN") List<NotificationKind> kinds) {

    public Sms {
      templates = templates == null ? Map.of() : Map.copyOf(templates);
      kinds = List.copyOf(kinds);
    }

    public boolean configured() {
      return "aliyun".equalsIgnoreCase(provider == null ? "" : provider.strip())
          && StringUtils.hasText(accessKeyId) && StringUtils.hasText(accessKeySecret) && StringUtils.hasText(signName);
    }

    public String template(NotificationKind kind) {
      String code = templates.get(kind);
      return StringUtils.hasText(code) ? code.strip() : null;
    }
  }

  /**
   * Group robots (群机器人) of units, set by admins on a page or by {@code PUT /api/admin/units/{id}/robot}.
   *
   * @param digestTime when each unit's daily digest of overdue items is posted (bureau's zone)
   * @param maxItems   items listed in a digest; the rest are counted and linked
   * @param perMinute  posts per robot and minute (the platforms allow 20); beyond it posts wait
   */
  public record Robots(@DefaultValue("09:00") LocalTime digestTime, @DefaultValue("20") int maxItems,
                       @DefaultValue("20") int perMinute) {
  }

  /**
   * The bureau's defaults of people's preferences.
   *
   * @param defaults   per kind the channels a person gets until they choose (absent kind: every configured channel
   *                   that carries it)
   * @param compulsory kinds that always reach a person by at least one push channel (督办)
   */
  public record Preferences(Map<NotificationKind, List<String>> defaults,
                            @DefaultValue("SUPERVISION") List<NotificationKind> compulsory) {

    public Preferences {
      defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
      compulsory = List.copyOf(compulsory);
    }
  }
}
