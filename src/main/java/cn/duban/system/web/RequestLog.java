package cn.duban.system.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line per request for the bureau's log system, in the logger {@code duban.requests}: method, path, status,
 * duration, the signed-in person's user id and the item code the path names. Nothing else about the person: the
 * query string is left out (a search may carry a name), bodies and headers are never logged. The user id and the
 * item code are in the MDC ({@code user}, {@code item}) while the request is answered, so every line logged meanwhile
 * carries them in the JSON format ({@code DUBAN_LOG_FORMAT=json}). The load balancer's health probes are logged at
 * DEBUG only.
 * <p>
 * Every response names the node that answered in {@code X-Duban-Node} ({@code DUBAN_NODE_NAME}, by default the host
 * name): an operator behind a load balancer sees which node served a request (and the test of several nodes that
 * they take turns).
 */
public class RequestLog extends OncePerRequestFilter {

  public static final String NODE_HEADER = "X-Duban-Node";
  /** The request attribute with the signed-in person's user id, set once Spring Security knows them. */
  public static final String USER = RequestLog.class.getName() + ".user";
  public static final String MDC_USER = "user";
  public static final String MDC_ITEM = "item";

  private static final Logger log = LoggerFactory.getLogger("duban.requests");
  /** An item's code (DB2026-0001, CodeSequences) as a whole path segment. */
  private static final Pattern ITEM_CODE = Pattern.compile("/(DB\\d{4}-\\d{3,})(?=/|$)");

  private final String node;

  public RequestLog(String node) {
    this.node = node;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(NODE_HEADER, node);
    long start = System.nanoTime();
    String path = request.getRequestURI();
    String item = itemCode(path);
    if (item != null) {
      MDC.put(MDC_ITEM, item);
    }
    boolean failed = false;
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      // an exception that escaped is answered 500 by the container after this filter
      int status = failed ? 500 : response.getStatus();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Object user = request.getAttribute(USER);
      LoggingEventBuilder line = isProbe(path) ? log.atDebug() : log.atInfo();
      line.addKeyValue("http.request.method", request.getMethod())
          .addKeyValue("url.path", path)
          .addKeyValue("http.response.status_code", status)
          .addKeyValue("event.duration_ms", millis);
      line.log("{} {} {} {}ms user={} item={}", request.getMethod(), path, status, millis,
          user == null ? "-" : user, item == null ? "-" : item);
      MDC.remove(MDC_USER);
      MDC.remove(MDC_ITEM);
    }
  }

  /** The item code a path names ({@code /api/items/DB2026-0001/attachments}, {@code /items/DB2026-0001}), or null. */
  static String itemCode(String path) {
    Matcher matcher = ITEM_CODE.matcher(path);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static boolean isProbe(String path) {
    return path.startsWith("/actuator/health") || path.equals("/livez") || path.equals("/readyz");
  }
}
