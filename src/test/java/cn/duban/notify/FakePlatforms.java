package cn.duban.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The messaging platforms as their documentation describes them, on one local HTTP server (the JDK's), so that the
 * channels are tested over real HTTP without reaching the internet:
 * <ul>
 *   <li>企业微信: {@code GET /cgi-bin/gettoken}, {@code POST /cgi-bin/message/send} (errcode 0, 40014/42001 for
 *   invalid/expired tokens, 45009 rate limit, 81013 unknown user; {@code enable_duplicate_check} drops a repeated
 *   message), group robots {@code POST /cgi-bin/webhook/send?key=…};</li>
 *   <li>钉钉: {@code GET /gettoken}, {@code POST /topapi/message/corpconversation/asyncsend_v2} and
 *   {@code getsendresult} (unknown users in invalid_user_id_list; the same content to a person twice a day is held
 *   back in forbidden_user_id_list), group robots {@code POST /robot/send} signed with timestamp and HmacSHA256;</li>
 *   <li>阿里云短信: {@code POST /} with {@code Action=SendSms} or {@code QuerySendDetails}, checking the RPC signature
 *   (written here from the documentation, not taken from duban's code);</li>
 *   <li>飞书: group robots {@code POST /open-apis/bot/v2/hook/…} with a signed body.</li>
 * </ul>
 * What people see is recorded per platform ({@link Platform#shown}); answers can be scripted ({@link Platform#fail}).
 */
public final class FakePlatforms implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String WECOM_CORP = "ww-test-corp";
  static final String WECOM_SECRET = "wecom-secret";
  static final String DING_KEY = "ding-app-key";
  static final String DING_SECRET = "ding-app-secret";
  static final String SMS_KEY_ID = "LTAI-test";
  static final String SMS_SECRET = "sms-secret";

  /** One platform's record and script. */
  static final class Platform {
    /** What reached people (or groups), in order. */
    final List<JsonNode> shown = new CopyOnWriteArrayList<>();
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger tokens = new AtomicInteger();
    /** Answers (error codes) for the next sends, before anything else is checked. */
    final Deque<Object> next = new ConcurrentLinkedDeque<>();
    final Set<String> validTokens = ConcurrentHashSet();
    final Set<String> expiredTokens = ConcurrentHashSet();
    /** userids (or numbers) the platform does not know. */
    final Set<String> unknown = ConcurrentHashSet();

    void fail(Object... codes) {
      next.addAll(List.of(codes));
    }

    /** Every token handed out so far has expired (the platform's two hours have passed). */
    void expireTokens() {
      expiredTokens.addAll(validTokens);
      validTokens.clear();
    }

    List<JsonNode> shownTo(String field, String value) {
      return shown.stream().filter(m -> value.equals(m.path(field).asText())).toList();
    }
  }

  private static Set<String> ConcurrentHashSet() {
    return java.util.concurrent.ConcurrentHashMap.newKeySet();
  }

  final Platform wecom = new Platform();
  final Platform dingtalk = new Platform();
  final Platform sms = new Platform();
  /** Posts per robot webhook path (with the key or token). */
  final Platform robots = new Platform();
  /** Robot secrets by webhook token (钉钉) or hook id (飞书). */
  final Map<String, String> robotSecrets = new java.util.concurrent.ConcurrentHashMap<>();

  private final HttpServer server;
  private final Map<Long, JsonNode> dingTasks = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> dingSeen = ConcurrentHashSet();
  private final Set<String> wecomSeen = ConcurrentHashSet();
  private final AtomicInteger ids = new AtomicInteger();

  public FakePlatforms() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try {
        answer(exchange, route(exchange));
      } catch (Exception e) {
        answer(exchange, 500, "{\"error\":\"" + e + "\"}");
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private String route(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    return switch (path) {
      case "/cgi-bin/gettoken" -> token(wecom, WECOM_CORP.equals(query.get("corpid"))
          && WECOM_SECRET.equals(query.get("corpsecret")), "wecom");
      case "/cgi-bin/message/send" -> wecomSend(query.get("access_token"), JSON.readTree(body));
      case "/cgi-bin/webhook/send" -> robotPost("wecom:" + query.get("key"), JSON.readTree(body), null, 45009);
      case "/gettoken" -> token(dingtalk, DING_KEY.equals(query.get("appkey"))
          && DING_SECRET.equals(query.get("appsecret")), "ding");
      case "/topapi/message/corpconversation/asyncsend_v2" -> dingSend(query.get("access_token"), JSON.readTree(body));
      case "/topapi/message/corpconversation/getsendresult" -> dingResult(JSON.readTree(body));
      case "/robot/send" -> robotPost("dingtalk:" + query.get("access_token"), JSON.readTree(body),
          dingSignCheck(query), 130101);
      case "/" -> aliyun(params(body));
      default -> path.startsWith("/open-apis/bot/v2/hook/") ? feishuPost(path.substring(path.lastIndexOf('/') + 1),
          JSON.readTree(body)) : "{\"errcode\":404}";
    };
  }

  // --- tokens ---------------------------------------------------------------------------------------------------

  private static String token(Platform platform, boolean credentialsRight, String prefix) {
    if (!credentialsRight) {
      return "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}";
    }
    String token = prefix + "-token-" + platform.tokens.incrementAndGet();
    platform.validTokens.add(token);
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + token + "\",\"expires_in\":7200}";
  }

  /** 0 when the token is good, else the platform's code for it. */
  private static int tokenCode(Platform platform, String token) {
    return platform.validTokens.contains(token) ? 0 : platform.expiredTokens.contains(token) ? 42001 : 40014;
  }

  // --- 企业微信 -------------------------------------------------------------------------------------------------

  private String wecomSend(String token, JsonNode body) {
    wecom.sends.incrementAndGet();
    int tokenCode = tokenCode(wecom, token);
    if (tokenCode != 0) {
      return error(tokenCode, tokenCode == 42001 ? "access_token expired" : "invalid access_token");
    }
    Object scripted = wecom.next.poll();
    if (scripted != null && !Integer.valueOf(0).equals(scripted)) {
      return error((Integer) scripted, scripted.equals(45009) ? "api freq out of limit" : "scripted error");
    }
    String user = body.path("touser").asText();
    if (wecom.unknown.contains(user)) {
      return error(81013, "user & party & tag all invalid");
    }
    // enable_duplicate_check: the same message to the same person within the interval is not shown again
    String key = user + "|" + body.path("textcard");
    if (body.path("enable_duplicate_check").asInt() == 1 && !wecomSeen.add(key)) {
      return "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"dup\"}";
    }
    wecom.shown.add(body);
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"m" + ids.incrementAndGet() + "\"}";
  }

  // --- 钉钉 -----------------------------------------------------------------------------------------------------

  private String dingSend(String token, JsonNode body) {
    dingtalk.sends.incrementAndGet();
    int tokenCode = tokenCode(dingtalk, token);
    if (tokenCode != 0) {
      return "{\"errcode\":88,\"errmsg\":\"ding talk error[subcode=" + tokenCode + "]\",\"sub_code\":\"" + tokenCode
          + "\",\"sub_msg\":\"不合法的access_token\"}";
    }
    Object scripted = dingtalk.next.poll();
    if (scripted != null && !Integer.valueOf(0).equals(scripted)) {
      return error((Integer) scripted, "scripted error");
    }
    long task = ids.incrementAndGet();
    String user = body.path("userid_list").asText();
    ObjectNode result = JSON.createObjectNode();
    result.putArray("invalid_user_id_list");
    result.putArray("forbidden_user_id_list");
    if (dingtalk.unknown.contains(user)) {
      result.withArray("invalid_user_id_list").add(user);
    } else if (!dingSeen.add(user + "|" + body.path("msg"))) {
      // the same content to one person once a day
      result.withArray("forbidden_user_id_list").add(user);
    } else {
      dingtalk.shown.add(body);
    }
    dingTasks.put(task, result);
    return "{\"errcode\":0,\"errmsg\":\"ok\",\"task_id\":" + task + ",\"request_id\":\"r" + task + "\"}";
  }

  private String dingResult(JsonNode body) {
    JsonNode result = dingTasks.get(body.path("task_id").asLong());
    return "{\"errcode\":0,\"send_result\":" + (result == null ? "{}" : result) + "}";
  }

  // --- 阿里云短信 -----------------------------------------------------------------------------------------------

  private String aliyun(Map<String, String> form) throws Exception {
    Map<String, String> signed = new TreeMap<>(form);
    String signature = signed.remove("Signature");
    if (!SMS_KEY_ID.equals(form.get("AccessKeyId")) || !rpcSignature(signed).equals(signature)) {
      return "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\"}";
    }
    if ("QuerySendDetails".equals(form.get("Action"))) {
      var list = JSON.createArrayNode();
      for (JsonNode sent : sms.shown) {
        if (sent.path("PhoneNumbers").asText().equals(form.get("PhoneNumber"))) {
          list.addObject().put("OutId", sent.path("OutId").asText()).put("SendStatus", 3)
              .put("PhoneNum", form.get("PhoneNumber")).put("TemplateCode", sent.path("TemplateCode").asText());
        }
      }
      return "{\"Code\":\"OK\",\"Message\":\"OK\",\"TotalCount\":" + list.size() + ",\"SmsSendDetailDTOs\":"
          + "{\"SmsSendDetailDTO\":" + list + "}}";
    }
    sms.sends.incrementAndGet();
    Object scripted = sms.next.poll();
    if (scripted != null && !"OK".equals(scripted)) {
      return "{\"Code\":\"" + scripted + "\",\"Message\":\"触发号码 " + form.get("PhoneNumbers") + " 的流控\"}";
    }
    if (sms.unknown.contains(form.get("PhoneNumbers"))) {
      return "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号 " + form.get("PhoneNumbers") + "\"}";
    }
    sms.shown.add(JSON.valueToTree(form));
    return "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz" + ids.incrementAndGet() + "\",\"RequestId\":\"r\"}";
  }

  /** From Alibaba Cloud's RPC signature documentation: POST&%2F&percent(canonicalised query), HMAC-SHA1 with secret&. */
  private static String rpcSignature(Map<String, String> sorted) throws Exception {
    StringBuilder canonical = new StringBuilder();
    for (var e : sorted.entrySet()) {
      canonical.append(canonical.length() == 0 ? "" : "&").append(pct(e.getKey())).append('=').append(pct(e.getValue()));
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec((SMS_SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    byte[] raw = mac.doFinal(("POST&%2F&" + pct(canonical.toString())).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(raw);
  }

  private static String pct(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  // --- robots ---------------------------------------------------------------------------------------------------

  /** 钉钉 加签: the sign must be Base64(HmacSHA256(timestamp + "\n" + secret)) of the robot's secret. */
  private String dingSignCheck(Map<String, String> query) throws Exception {
    String secret = robotSecrets.get(query.get("access_token"));
    if (secret == null) {
      return null;
    }
    String expected = hmac(secret, query.get("timestamp") + "\n" + secret);
    return expected.equals(query.get("sign")) ? null : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
  }

  private String feishuPost(String hook, JsonNode body) throws Exception {
    String secret = robotSecrets.get(hook);
    if (secret != null && !hmac(body.path("timestamp").asText() + "\n" + secret, "").equals(body.path("sign").asText())) {
      return "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}";
    }
    String refused = robotScript(9499);
    if (refused != null) {
      return refused.replace("errcode", "code").replace("errmsg", "msg");
    }
    ObjectNode post = body.deepCopy();
    post.put("webhook", "feishu:" + hook);
    robots.shown.add(post);
    return "{\"code\":0,\"msg\":\"success\",\"data\":{}}";
  }

  private String robotPost(String webhook, JsonNode body, String signError, int rateCode) {
    if (signError != null) {
      return signError;
    }
    String refused = robotScript(rateCode);
    if (refused != null) {
      return refused;
    }
    ObjectNode post = body.deepCopy();
    post.put("webhook", webhook);
    robots.shown.add(post);
    return "{\"errcode\":0,\"errmsg\":\"ok\"}";
  }

  private String robotScript(int rateCode) {
    robots.sends.incrementAndGet();
    Object scripted = robots.next.poll();
    if (scripted == null || Integer.valueOf(0).equals(scripted)) {
      return null;
    }
    String kind = scripted.equals("RATE") ? String.valueOf(rateCode) : String.valueOf(scripted);
    return "{\"errcode\":" + kind + ",\"errmsg\":\"scripted\"}";
  }

  static String hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }

  // --- HTTP -----------------------------------------------------------------------------------------------------

  private static String error(int code, String message) {
    return "{\"errcode\":" + code + ",\"errmsg\":\"" + message + "\"}";
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    answer(exchange, 200, body);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The 企业微信 text cards that reached a userid. */
  public List<JsonNode> wecomCardsTo(String userId) {
    return wecom.shownTo("touser", userId);
  }
}
