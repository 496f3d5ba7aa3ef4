package cn.duban.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.ContactService;
import cn.duban.organisation.PersonContacts;
import cn.duban.system.BureauClock;

/**
 * SMS for the serious steps (督办, 通报; 逾期催办 if the bureau adds it) through Alibaba Cloud SMS's template API
 * ({@code SendSms}, RPC style, signed with HMAC-SHA1). Short, and nothing personal beyond the item's code and title.
 * <ul>
 *   <li>isv.BUSINESS_LIMIT_CONTROL, isv.DAY_LIMIT_CONTROL, Throttling.*: back off; an invalid number, template or
 *   signature, or a number on the blacklist: failed for good with the provider's Code and Message;</li>
 *   <li>every send carries {@code OutId=duban-<message id>}; before any attempt after the first (a timeout, or a node
 *   that died mid-send), {@code QuerySendDetails} tells whether the earlier one went out, so an SMS is never sent
 *   twice.</li>
 * </ul>
 * Numbers are never logged or stored in full (138****1234).
 */
@Component
class AliyunSmsChannel extends PushChannel {

  static final String NAME = "sms";
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL",
      "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGN_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS",
      "isv.PARAM_LENGTH_LIMIT", "isv.BLACK_KEY_CONTROL_LIMIT", "isv.ACCOUNT_NOT_EXISTS", "isv.ACCOUNT_ABNORMAL",
      "isv.OUT_OF_SERVICE", "isv.MOBILE_COUNT_OVER_LIMIT", "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private final ChannelProperties.Sms settings;

  @Autowired
  AliyunSmsChannel(ChannelProperties properties, ContactService contacts, BureauClock clock) {
    this(properties.sms(), properties.httpTimeout(), contacts, clock);
  }

  AliyunSmsChannel(ChannelProperties.Sms settings, Duration timeout, ContactService contacts, BureauClock clock) {
    super(contacts, clock, timeout);
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String label() {
    return "短信";
  }

  @Override
  public boolean enabled() {
    return settings.configured();
  }

  /** The kinds the bureau sends by SMS and has a template for. */
  @Override
  public Set<NotificationKind> kinds() {
    return settings.kinds().stream().filter(k -> settings.template(k) != null).collect(Collectors.toSet());
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message, Attempt attempt) throws Exception {
    String mobile = contacts.contacts(message.recipient()).mobile();
    if (mobile == null) {
      return DeliveryOutcome.skipped("no mobile number");
    }
    String template = settings.template(message.kind());
    if (template == null) {
      return DeliveryOutcome.skipped("no SMS template for " + message.kind());
    }
    String outId = "duban-" + message.id();
    if (attempt.number() > 1 && alreadySent(mobile, outId, message, attempt.at())) {
      return DeliveryOutcome.sent();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", "SendSms");
    params.put("PhoneNumbers", mobile);
    params.put("SignName", settings.signName().strip());
    params.put("TemplateCode", template);
    params.put("TemplateParam", PlatformHttp.json(templateParam(message)));
    params.put("OutId", outId);
    JsonNode answer = call(params);
    String code = answer.path("Code").asText("");
    if ("OK".equals(code)) {
      return DeliveryOutcome.sent();
    }
    String reason = "阿里云短信 " + code + "：" + PersonContacts.maskMobiles(answer.path("Message").asText(""));
    if (code.equals("isv.DAY_LIMIT_CONTROL")) {
      throw new RateLimited(reason, Duration.ofHours(6));
    }
    if (code.equals("isv.BUSINESS_LIMIT_CONTROL") || code.startsWith("Throttling")) {
      throw new RateLimited(reason, Duration.ofMinutes(10));
    }
    if (PERMANENT.contains(code)) {
      throw new PermanentFailure(reason);
    }
    throw new IllegalStateException(reason);
  }

  /** {"code": "DB2026-0001", "title": "开展发票风险排查"}; a digest "DB2026-0001 等 3 项" and its first title. */
  static Map<String, String> templateParam(NotificationMessage message) {
    Notification first = message.items().get(0);
    String code = message.isDigest() ? first.itemCode() + " 等 " + message.items().size() + " 项" : first.itemCode();
    String title = first.itemTitle().length() > 20 ? first.itemTitle().substring(0, 19) + "…" : first.itemTitle();
    return Map.of("code", code, "title", title);
  }

  /**
   * Whether an SMS with this OutId went to the number since the message was made (Beijing days, at most the last
   * three). A send that reached the provider and failed there (SendStatus 2) is sent again.
   */
  private boolean alreadySent(String mobile, String outId, NotificationMessage message, java.time.Instant now)
      throws Exception {
    LocalDate today = LocalDate.ofInstant(now, BEIJING);
    LocalDate from = LocalDate.ofInstant(message.createdAt(), BEIJING);
    for (LocalDate day = from.isBefore(today.minusDays(2)) ? today.minusDays(2) : from; !day.isAfter(today);
         day = day.plusDays(1)) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("Action", "QuerySendDetails");
      params.put("PhoneNumber", mobile);
      params.put("SendDate", day.format(DateTimeFormatter.BASIC_ISO_DATE));
      params.put("PageSize", "50");
      params.put("CurrentPage", "1");
      JsonNode answer = call(params);
      if (!"OK".equals(answer.path("Code").asText())) {
        // unknown: better to wait than to send twice
        throw new IllegalStateException("阿里云短信 QuerySendDetails " + answer.path("Code").asText() + "："
            + PersonContacts.maskMobiles(answer.path("Message").asText("")));
      }
      for (JsonNode sent : answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO")) {
        if (outId.equals(sent.path("OutId").asText()) && sent.path("SendStatus").asInt() != 2) {
          return true;
        }
      }
    }
    return false;
  }

  private JsonNode call(Map<String, String> apiParams) throws Exception {
    Map<String, String> params = new TreeMap<>(apiParams);
    params.put("Version", "2017-05-25");
    params.put("Format", "JSON");
    params.put("RegionId", settings.regionId());
    params.put("AccessKeyId", settings.accessKeyId().strip());
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", UUID.randomUUID().toString());
    params.put("Timestamp", TIMESTAMP.format(clock.now()));
    Map<String, String> signed = new LinkedHashMap<>(params);
    signed.put("Signature", signature("POST", params, settings.accessKeySecret().strip()));
    return http.postForm(PlatformHttp.url(settings.baseUrl(), "/"), signed);
  }

  /** Alibaba Cloud's RPC signature (SignatureVersion 1.0) over the sorted parameters. */
  static String signature(String method, Map<String, String> sortedParams, String secret) throws Exception {
    String canonical = sortedParams.entrySet().stream().map(e -> percent(e.getKey()) + "=" + percent(e.getValue()))
        .collect(Collectors.joining("&"));
    String toSign = method + "&" + percent("/") + "&" + percent(canonical);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
  }

  static String percent(String value) {
    return PlatformHttp.encode(value).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
