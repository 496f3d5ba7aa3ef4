package cn.duban.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.ContactService;
import cn.duban.system.BureauClock;

/**
 * 企业微信 / 政务微信 application messages (应用消息) to a person's userid: a text card with the item, its deadline, the
 * step and a link to the item's page. On when corp id, agent id and secret are set ({@code DUBAN_WECOM_*}).
 * <ul>
 *   <li>token: {@code GET /cgi-bin/gettoken}, cached per node, refreshed before expiry and after 40014/42001/40001,
 *   then the send is retried once;</li>
 *   <li>45009/45033 (调用频率/并发超限): back off; 60111, 81013, 40003 (unknown user), 48002, 60011, 60020, 40056 (app not
 *   allowed, blocked or misconfigured), or a userid in {@code invaliduser}: failed for good with the platform's
 *   reason;</li>
 *   <li>sent with {@code enable_duplicate_check}: a message sent again after a node died in the middle of its send
 *   is dropped by the platform, so the person sees it once.</li>
 * </ul>
 */
@Component
class WeComChannel extends PushChannel.WithToken {

  static final String NAME = "wecom";
  static final Errors ERRORS = new Errors(
      Set.of(40014, 42001, 40001),
      Set.of(45009, 45033),
      Set.of(60111, 81013, 40003, 48002, 60011, 60020, 40056));

  private final ChannelProperties.Wecom settings;
  private final String dubanUrl;

  @Autowired
  WeComChannel(ChannelProperties properties, NotifyProperties notify, ContactService contacts, BureauClock clock) {
    this(properties.wecom(), properties.httpTimeout(), notify.baseUrl(), contacts, clock);
  }

  WeComChannel(ChannelProperties.Wecom settings, Duration timeout, String dubanUrl, ContactService contacts,
               BureauClock clock) {
    super(NAME, "企业微信", settings::configured, ERRORS, contacts, clock, timeout);
    this.settings = settings;
    this.dubanUrl = dubanUrl;
  }

  /** A resumed attempt is sent like any other: the platform's duplicate check drops it if the first one arrived. */
  @Override
  public DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
    String userId = contacts.contacts(message.recipient()).wecomUserId();
    if (userId == null) {
      return DeliveryOutcome.skipped("no 企业微信 userid");
    }
    Map<String, Object> body = body(message, userId);
    JsonNode answer = withToken(token ->
        http.postJson(api("/cgi-bin/message/send?access_token=" + PlatformHttp.encode(token)), body));
    int code = code(answer);
    String reason = "企业微信 errcode " + code + "：" + answer.path("errmsg").asText("");
    failUnlessZero(code, reason);
    String invalid = answer.path("invaliduser").asText("");
    if (!invalid.isBlank()) {
      throw new PermanentFailure("企业微信：账号「" + invalid + "」不存在或不在应用可见范围内（invaliduser）");
    }
    return DeliveryOutcome.sent();
  }

  private Map<String, Object> body(NotificationMessage message, String userId) {
    // the platform takes 512 bytes: whole lines only, so that no tag is cut in half
    StringBuilder description = new StringBuilder();
    for (String line : PushText.lines(message)) {
      String div = "<div class=\"normal\">" + PushText.html(PushText.limit(line, 400)) + "</div>";
      if (PushText.bytes(description + div) > 512) {
        break;
      }
      description.append(div);
    }
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("title", PushText.limit(message.subject(), 128));
    card.put("description", description.toString());
    card.put("url", PushText.url(message, dubanUrl));
    card.put("btntxt", "详情");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", userId);
    body.put("msgtype", "textcard");
    body.put("agentid", Long.parseLong(settings.agentId().strip()));
    body.put("textcard", card);
    body.put("enable_duplicate_check", 1);
    body.put("duplicate_check_interval", settings.duplicateCheckInterval().toSeconds());
    return body;
  }

  @Override
  AccessTokens.Token fetchToken() throws Exception {
    return token(http.get(api("/cgi-bin/gettoken?corpid=" + PlatformHttp.encode(settings.corpId().strip())
        + "&corpsecret=" + PlatformHttp.encode(settings.secret().strip()))), "企业微信",
        "DUBAN_WECOM_CORP_ID 和 DUBAN_WECOM_SECRET");
  }

  @Override
  int code(JsonNode answer) {
    return answer.path("errcode").asInt(-1);
  }

  private String api(String path) {
    return PlatformHttp.url(settings.baseUrl(), path);
  }
}
