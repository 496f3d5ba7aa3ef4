package cn.duban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real HTTP client against the running test server, as scripts and browsers use duban. */
public class Http {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;
  private final HttpClient client;
  private final CookieManager cookies;
  private final Map<String, String> headers;

  private Http(String base, String authorization, HttpClient client) {
    this(base, authorization, client, null, Map.of());
  }

  private Http(String base, String authorization, HttpClient client, CookieManager cookies,
               Map<String, String> headers) {
    this.base = base;
    this.authorization = authorization;
    this.client = client;
    this.cookies = cookies;
    this.headers = headers;
  }

  /** The same client sending one more header on every call (as {@link #withHeader}). */
  public Http with(String header, String value) {
    return withHeader(header, value);
  }

  /** Scripts: HTTP Basic on every call. */
  public static Http basic(int port, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http("http://localhost:" + port, "Basic " + token, plain());
  }

  public static Http anonymous(int port) {
    return new Http("http://localhost:" + port, null, plain());
  }

  /** Browsers: no credentials on the calls, a cookie jar for the session. */
  public static Http browser(int port) {
    CookieManager cookies = new CookieManager();
    return new Http("http://localhost:" + port, null,
        HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build(), cookies,
        Map.of());
  }

  /**
   * The same client, credentials, cookies and headers against another port of this machine: a browser whose
   * requests reach another node (cookies are kept per host, not per port, as a browser behind a load balancer
   * sees one host).
   */
  public Http at(int port) {
    return new Http("http://localhost:" + port, authorization, client, cookies, headers);
  }

  /** The same client, credentials, cookies and headers against another base address (a load balancer). */
  public Http at(String base) {
    return new Http(base, authorization, client, cookies, headers);
  }

  /** The same client (and, for a browser, the same cookies) sending {@code name: value} on every call. */
  public Http withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Http(base, authorization, client, cookies, Map.copyOf(more));
  }

  /**
   * A browser as the Camunda webapps drive it: a first call gives the session Camunda's CSRF token (cookie
   * {@code XSRF-TOKEN}), which the webapps then send as {@code X-XSRF-TOKEN} with every change.
   */
  public Http withWebappCsrfToken() {
    get("/camunda/api/engine/engine/");
    String token = cookie("XSRF-TOKEN");
    if (token == null) {
      throw new IllegalStateException("the webapps set no XSRF-TOKEN cookie");
    }
    return withHeader("X-XSRF-TOKEN", token);
  }

  /** The CSRF token in a duban page's forms (Spring Security's hidden {@code _csrf} field), as a browser submits it. */
  public String formToken(String path) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(get(path, "text/html").body());
    if (!m.find()) {
      throw new IllegalStateException(path + " has no form with a CSRF token");
    }
    return m.group(1);
  }

  /** A browser signing in on duban's login page, as a person does. */
  public Response signIn(String user, String password) {
    return postForm("/login", Map.of("username", user, "password", password, "_csrf", formToken("/login")));
  }

  /** A browser's cookie, as a page's script would read it; null if it has none of that name. */
  public String cookie(String name) {
    return cookies == null ? null : cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  private static HttpClient plain() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** A binary download. */
  public byte[] getBytes(String path) {
    try {
      return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  public Response post(String path, Object json) {
    return send(request(path).header("Content-Type", "application/json").POST(body(json)));
  }

  public Response put(String path, Object json) {
    return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response postRaw(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Response postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return postRaw(path, "application/x-www-form-urlencoded", body);
  }

  public Response upload(String path, String fileName, byte[] content) {
    return upload(path, fileName, content, Map.of());
  }

  /** A multipart upload of {@code file} with further text fields. */
  public Response upload(String path, String fileName, byte[] content, Map<String, String> fields) {
    String boundary = "duban" + UUID.randomUUID();
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, content, fields))));
  }

  /** The same upload streamed without a Content-Length (Transfer-Encoding: chunked), as some scripts send it. */
  public Response uploadStreamed(String path, String fileName, byte[] content, Map<String, String> fields) {
    String boundary = "duban" + UUID.randomUUID();
    byte[] body = multipart(boundary, fileName, content, fields);
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
  }

  private static byte[] multipart(String boundary, String fileName, byte[] content, Map<String, String> fields) {
    StringBuilder parts = new StringBuilder();
    fields.forEach((name, value) -> parts.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
        .append("\r\n"));
    byte[] head = (parts + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return body;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private static HttpRequest.BodyPublisher body(Object json) {
    try {
      return HttpRequest.BodyPublishers.ofString(json instanceof String s ? s : JSON.writeValueAsString(json),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Location").orElse(null), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, body and, for JSON, the parsed body. */
  public record Response(int status, String body, String contentType, String location,
                         Map<String, java.util.List<String>> headers) {

    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers(name).stream().findFirst().orElse(null);
    }

    /** Every value of a response header (several Set-Cookie, for example). */
    public java.util.List<String> headers(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).toList();
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }
  }
}
