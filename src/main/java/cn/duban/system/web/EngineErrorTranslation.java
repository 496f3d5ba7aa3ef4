package cn.duban.system.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.duban.system.engine.EngineConflicts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Errors of the engine's REST APIs ({@code /engine-rest}, and {@code /camunda/api} behind Tasklist, Cockpit and
 * Admin) as a person should meet them: a Chinese {@code message} that says what happened and what to do, and the
 * honest status — 400 for a rule a submission broke (duban's rules speak Chinese already; the engine wraps them in
 * "Cannot submit task form …: " and answers 500), 409 for a race lost to someone else (the task was completed or
 * claimed a moment earlier), 503 while the database is unreachable. The body keeps the engine's shape
 * ({@code type}, {@code message}, {@code code}), which Tasklist, Cockpit and Camunda Modeler read, and adds the
 * engine's own text as {@code engineMessage} for administrators.
 * <p>
 * Why a servlet filter and not a JAX-RS exception mapper: the webapps' engine API is a Jersey application of
 * Camunda's ({@code EngineRestApplication}) that duban cannot add providers to, and the engine's resources catch
 * exceptions themselves and rethrow them as a 500 with a new message, so the cause is gone before any mapper runs.
 * Only error responses are buffered; everything else streams through untouched.
 */
public class EngineErrorTranslation extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(EngineErrorTranslation.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** "Cannot submit task form 30cbb1d0-…: ", "ENGINE-03051 ", … in front of the message that matters. */
  private static final Pattern TECHNICAL_PREFIX = Pattern.compile(
      "^(?:(?:Cannot [^:：]{1,160}?: )|(?:ENGINE-\\d+ )|(?:[\\w.]+Exception: ))");
  /** Where a Chinese sentence starts: a character, or an opening quote or bracket in front of one. */
  private static final Pattern CJK = Pattern.compile("[「（【《“]?[\\u4e00-\\u9fff]");

  /** One way an engine error reads, and what a person is told. */
  private record Rule(Pattern pattern, int status, String message) {
  }

  private static final List<Rule> RULES = List.of(
      rule("OptimisticLockingException|was updated by another transaction concurrently|"
          + "could not serialize access|deadlock detected", 409, "该事项刚刚被他人同时处理，您的操作未生效，请刷新后查看并重试。"),
      rule("TaskAlreadyClaimedException|is already claimed by", 409, "该任务已被他人认领，请刷新任务列表。"),
      rule("duplicate key|unique constraint|violates unique", 409, "与他人同时进行了相同的操作，请刷新后查看结果。"),
      rule("Connection is not available|Could not open JDBC Connection|Connection refused|connection attempt failed|"
          + "Unable to acquire JDBC Connection|This connection has been closed|An I/O error occurred", 503,
          "数据库暂时无法连接，请稍后重试。如持续出现，请联系管理员。"),
      rule("JsonParseException|JsonMappingException|MismatchedInputException|Unexpected character|"
          + "Cannot deserialize|Unrecognized token|Unexpected end-of-input", 400,
          "请求内容不是有效的 JSON，或字段类型不对，请检查后重试。"),
      rule("Cannot convert value|Unsupported value type|Cannot find serializer|must be of type", 400,
          "提交的数据类型不对（例如把文字写成了数字），请检查后重试。"));

  /** "task is null" and the like: what was to be worked on is gone (someone else completed it). */
  private static final Pattern GONE = Pattern.compile("task is null|Cannot find task|No task exists|task .* does not "
      + "exist|execution .* does ?n[o']t exist|Cannot find process instance|process instance .* does not exist",
      Pattern.CASE_INSENSITIVE);

  private static Rule rule(String regex, int status, String message) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), status, message);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var capture = new ErrorCapture(response);
    try {
      chain.doFilter(request, capture);
    } finally {
      if (capture.captured()) {
        write(request, response, capture);
      }
    }
  }

  private void write(HttpServletRequest request, HttpServletResponse response, ErrorCapture capture)
      throws IOException {
    String type = null;
    String engineMessage = capture.errorMessage;
    ObjectNode body = JSON.createObjectNode();
    byte[] raw = capture.buffer.toByteArray();
    if (raw.length > 0) {
      try {
        JsonNode parsed = JSON.readTree(raw);
        if (parsed instanceof ObjectNode object) {
          body = object;
          type = text(object, "type");
          engineMessage = text(object, "message");
        }
      } catch (IOException e) {
        engineMessage = new String(raw, StandardCharsets.UTF_8);
      }
    }
    if ((engineMessage == null || engineMessage.isBlank()) && capture.status == 400 && request.getContentType() != null
        && request.getContentType().contains("json")) {
      // Jersey refused the body before any resource ran, without a word: a JSON body it could not read
      engineMessage = "JsonParseException";
    }
    Translated translated = translate(capture.status, type, engineMessage, request.getMethod());
    if (translated.status() >= 500 && translated.status() != 503) {
      log.warn("Engine REST error {} {} {}: {} {}", request.getMethod(), request.getRequestURI(), capture.status, type,
          engineMessage);
    }
    if (!body.has("type")) {
      body.put("type", type == null ? "Error" : type);
    }
    body.put("message", translated.message());
    if (engineMessage != null && !engineMessage.equals(translated.message())) {
      body.put("engineMessage", engineMessage);
    }
    byte[] out = JSON.writeValueAsBytes(body);
    response.resetBuffer();
    response.setStatus(translated.status());
    response.setCharacterEncoding("UTF-8");
    response.setContentType("application/json;charset=UTF-8");
    if (translated.status() == 503) {
      response.setHeader("Retry-After", "30");
    }
    response.setContentLength(out.length);
    response.getOutputStream().write(out);
  }

  /** The status and Chinese message for an engine error. */
  record Translated(int status, String message) {
  }

  static Translated translate(int status, String type, String engineMessage, String method) {
    String message = engineMessage == null ? "" : engineMessage.strip();
    String core = withoutPrefixes(message);
    Matcher chinese = CJK.matcher(core);
    if (chinese.find()) {
      // duban's sentence is what follows the engine's English wrapping ("There was an exception while invoking …")
      core = core.substring(chinese.start()).replaceAll("['\"]+$", "").strip();
      // duban's own rule (BadUserRequestException from a listener, delegate or the call guard): a 4xx, said once
      if (core.startsWith(EngineConflicts.TASK_GONE)) {
        return new Translated(409, EngineConflicts.TASK_GONE);
      }
      int honest = "AuthorizationException".equals(type) || status == 403 ? 403
          : status == 401 || status == 404 || status == 409 || status == 429 ? status : 400;
      return new Translated(honest, once(core));
    }
    String all = (type == null ? "" : type + " ") + message;
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(all).find()) {
        return new Translated(rule.status(), rule.message());
      }
    }
    if ("AuthorizationException".equals(type) || status == 403) {
      return new Translated(403, "您没有执行此操作的权限。如需办理，请联系督查室或管理员。");
    }
    if (GONE.matcher(all).find()) {
      // a task or instance that was there a moment ago: someone else completed it first
      boolean write = !"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method);
      return write ? new Translated(409, EngineConflicts.TASK_GONE)
          : new Translated(404, "要查看的任务或流程不存在，或已办理完毕。");
    }
    if (status == 404) {
      return new Translated(404, "请求的内容不存在：" + (core.isEmpty() ? "请检查地址。" : core));
    }
    return switch (status) {
      case 400, 422 -> new Translated(400, "请求有误，未能执行：" + (core.isEmpty() ? "请检查提交的内容。" : core));
      case 401 -> new Translated(401, "请先登录。");
      case 405 -> new Translated(405, "不支持该请求方法。");
      case 406 -> new Translated(406, "无法按所要求的格式返回结果。");
      case 413 -> new Translated(413, "提交的内容过大，请减小文件后重试。");
      case 415 -> new Translated(415, "不支持的内容类型，请使用 application/json。");
      case 429 -> new Translated(429, "请求过于频繁，请稍后再试。");
      default -> status >= 500 ? new Translated(status, "服务器处理时出错，已记录，请稍后重试或联系管理员。")
          : new Translated(status, "请求未能执行：" + core);
    };
  }

  private static String withoutPrefixes(String message) {
    String core = message;
    for (Matcher m = TECHNICAL_PREFIX.matcher(core); m.find(); m = TECHNICAL_PREFIX.matcher(core)) {
      core = core.substring(m.end()).strip();
    }
    return core;
  }

  /** A message the engine repeated ("A A": a cause's message after its own) is said once. */
  private static String once(String message) {
    int middle = message.length() / 2;
    String first = message.substring(0, middle).strip();
    return first.equals(message.substring(middle).strip()) ? first : message;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Lets successful responses through; keeps the status and body of an error to rewrite it. */
  private static final class ErrorCapture extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int status = 200;
    private boolean error;
    private String errorMessage;
    private ServletOutputStream stream;
    private PrintWriter writer;

    ErrorCapture(HttpServletResponse response) {
      super(response);
    }

    boolean captured() {
      return error;
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
      error = sc >= 400;
      if (!error) {
        super.setStatus(sc);
      }
    }

    @Override
    public void sendError(int sc, String msg) {
      status = sc;
      error = true;
      errorMessage = msg;
    }

    @Override
    public void sendError(int sc) {
      sendError(sc, null);
    }

    @Override
    public int getStatus() {
      return error ? status : super.getStatus();
    }

    @Override
    public void setContentLength(int len) {
      if (!error) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (!error) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!(error && "Content-Length".equalsIgnoreCase(name))) {
        super.setHeader(name, value);
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!error) {
        return super.getOutputStream();
      }
      if (stream == null) {
        stream = new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            // buffered: always ready
          }

          @Override
          public void write(int b) {
            buffer.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!error) {
        return super.getWriter();
      }
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
      }
      return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!error) {
        super.flushBuffer();
      } else if (writer != null) {
        writer.flush();
      }
    }
  }
}
