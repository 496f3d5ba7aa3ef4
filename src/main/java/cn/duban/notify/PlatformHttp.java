package cn.duban.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP to the messaging platforms, with the JDK's client: one small class instead of four SDKs (see
 * docs/notifications.md). Answers are JSON whatever the outcome; a 5xx or an answer that is not JSON is a failure
 * to retry, 429 a rate limit. Nothing here logs an address: webhook and token URLs carry secrets.
 */
final class PlatformHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  PlatformHttp(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  JsonNode get(String url) throws IOException, InterruptedException, NotificationChannel.RateLimited {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
  }

  JsonNode postJson(String url, Object body)
      throws IOException, InterruptedException, NotificationChannel.RateLimited {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8)).build());
  }

  JsonNode postForm(String url, Map<String, String> form)
      throws IOException, InterruptedException, NotificationChannel.RateLimited {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form(form), StandardCharsets.UTF_8)).build());
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** A base URL (with or without a trailing slash) and a path. */
  static String url(String baseUrl, String path) {
    String base = baseUrl.strip();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private JsonNode send(HttpRequest request)
      throws IOException, InterruptedException, NotificationChannel.RateLimited {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() == 429) {
      throw new NotificationChannel.RateLimited("HTTP 429", Duration.ofMinutes(1));
    }
    if (response.statusCode() >= 500) {
      throw new IOException("HTTP " + response.statusCode() + " from the platform");
    }
    try {
      JsonNode answer = JSON.readTree(response.body());
      if (answer == null || !answer.isObject()) {
        throw new IOException("HTTP " + response.statusCode() + ", the answer is not a JSON object");
      }
      return answer;
    } catch (JsonProcessingException e) {
      throw new IOException("HTTP " + response.statusCode() + ", the answer is not JSON", e);
    }
  }
}
