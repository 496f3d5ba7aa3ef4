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
 * 钉钉 / 政务钉钉 (专属钉钉) work notifications (工作通知) to a person's userid, as an action card with the item, deadline,
 * step and a link. On when app key, app secret and agent id are set ({@code DUBAN_DINGTALK_*}).
 * <ul>
 *   <li>token: {@code GET /gettoken}, cached per node, refreshed before expiry and after 40014/42001 (also as
 *   {@code sub_code} of errcode 88), then the send is retried once;</li>
 *   <li>90002/90005/90006/90018 (调用频率超限): back off; 33012 (无效的userid), 60020 (IP 不在白名单), 60011 (无权限):
 *   failed for good;</li>
 *   <li>after the send, {@code getsendresult} tells whether the userid was invalid (failed for good) or the
 *   message was held back by the platform's limits ({@code forbidden_user_id_list}: tried again later). The platform
 *   delivers a message of the same content to a person once a day, so a send repeated after a node died
 *   mid-send is not shown twice.</li>
 * </ul>
 */
@Component
class DingTalkChannel extends PushChannel.WithToken {

  static final String NAME = "dingtalk";
  static final Errors ERRORS = new Errors(
      Set.of(40014, 42001),
      Set.of(90002, 90005, 90006, 90018),
      Set.of(33012, 60020, 60011));

  private final ChannelProperties.Dingtalk settings;
  private final String dubanUrl;

  @Autowired
  DingTalkChannel(ChannelProperties properties, NotifyProperties notify, ContactService contacts, BureauClock clock) {
    this(properties.dingtalk(), properties.httpTimeout(), notify.baseUrl(), contacts, clock);
  }

  DingTalkChannel(ChannelProperties.Dingtalk settings, Duration timeout, String dubanUrl, ContactService contacts,
                  BureauClock clock) {
    super(NAME, "钉钉", settings::configured, ERRORS, contacts, clock, timeout);
    this.settings = settings;
    this.dubanUrl = dubanUrl;
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
    String userId = contacts.contacts(message.recipient()).dingtalkUserId();
    if (userId == null) {
      return DeliveryOutcome.skipped("no 钉钉 userid");
    }
    Map<String, Object> body = body(message, userId);
    String[] used = new String[1];
    JsonNode answer = withToken(token -> {
      used[0] = token;
      return http.postJson(send(token), body);
    });
    int code = code(answer);
    String reason = "钉钉 errcode " + code + "：" + answer.path("errmsg").asText("")
        + (answer.hasNonNull("sub_msg") ? "（" + answer.get("sub_msg").asText() + "）" : "");
    failUnlessZero(code, reason);
    checkResult(used[0], answer.path("task_id").asLong(), userId, attempt);
    return DeliveryOutcome.sent();
  }

  /** What the platform did with the task: an unknown userid is reported here, not by the send. */
  private void checkResult(String token, long taskId, String userId, Attempt attempt) throws Exception {
    JsonNode result;
    try {
      result = http.postJson(PlatformHttp.url(settings.baseUrl(),
          "/topapi/message/corpconversation/getsendresult?access_token=" + PlatformHttp.encode(token)),
          Map.of("agent_id", Long.parseLong(settings.agentId().strip()), "task_id", taskId));
    } catch (java.io.IOException e) {
      return; // the send was accepted; its result is only a check
    }
    JsonNode lists = result.path("send_result");
    if (contains(lists.path("invalid_user_id_list"), userId)) {
      throw new PermanentFailure("钉钉：账号「" + userId + "」不存在或不在应用可见范围内（invalid_user_id_list）");
    }
    // held back by the platform's limits; on a repeated attempt this is its rule of one message of the same content
    // per person and day, i.e. the earlier attempt arrived
    if (contains(lists.path("forbidden_user_id_list"), userId) && attempt.number() == 1 && !attempt.resumed()) {
      throw new RateLimited("钉钉：发送给「" + userId + "」的消息被平台流控（forbidden_user_id_list）", Duration.ofHours(1));
    }
  }

  private static boolean contains(JsonNode list, String userId) {
    for (JsonNode id : list) {
      if (userId.equals(id.asText())) {
        return true;
      }
    }
    return false;
  }

  /** errcode, or for 88 (an error of the platform's gateway) the numeric sub_code it carries. */
  @Override
  int code(JsonNode answer) {
    int code = answer.path("errcode").asInt(-1);
    if (code == 88 && answer.hasNonNull("sub_code")) {
      try {
        return Integer.parseInt(answer.get("sub_code").asText().strip());
      } catch (NumberFormatException e) {
        return code;
      }
    }
    return code;
  }

  private Map<String, Object> body(NotificationMessage message, String userId) {
    StringBuilder markdown = new StringBuilder("### ").append(message.subject()).append("\n\n");
    for (String line : PushText.lines(message)) {
      markdown.append(line).append("\n\n");
    }
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("title", PushText.limit(message.subject(), 128));
    card.put("markdown", PushText.limit(markdown.toString(), 4000));
    card.put("single_title", "查看详情");
    card.put("single_url", PushText.url(message, dubanUrl));
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("msgtype", "action_card");
    msg.put("action_card", card);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent_id", Long.parseLong(settings.agentId().strip()));
    body.put("userid_list", userId);
    body.put("msg", msg);
    return body;
  }

  private String send(String token) {
    return PlatformHttp.url(settings.baseUrl(),
        "/topapi/message/corpconversation/asyncsend_v2?access_token=" + PlatformHttp.encode(token));
  }

  @Override
  AccessTokens.Token fetchToken() throws Exception {
    return token(http.get(PlatformHttp.url(settings.baseUrl(), "/gettoken?appkey="
        + PlatformHttp.encode(settings.appKey().strip()) + "&appsecret="
        + PlatformHttp.encode(settings.appSecret().strip()))), "钉钉",
        "DUBAN_DINGTALK_APP_KEY 和 DUBAN_DINGTALK_APP_SECRET");
  }
}
