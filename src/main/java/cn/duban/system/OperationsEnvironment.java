package cn.duban.system;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Two operators' settings that Spring Boot cannot take as they are, turned into Boot's own after application.yaml is
 * read and before logging starts:
 * <ul>
 *   <li>{@code DUBAN_LOG_FORMAT} ({@code duban.log.format}): {@code plain} lines for a terminal (the default) or
 *   {@code json}, one JSON object a line for a bureau's log system, in the Elastic Common Schema Spring Boot writes
 *   ({@code logging.structured.format.console=ecs}): timestamp, level, logger, message, the request's user id and
 *   item code (MDC), an exception's stack trace;</li>
 *   <li>{@code DUBAN_MANAGEMENT_PORT} ({@code management.server.port}): the actuator on a port of its own is bound to
 *   127.0.0.1 and nothing else (Boot refuses an address without a port of its own, so it is set only then).</li>
 * </ul>
 */
public class OperationsEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String LOG_FORMAT = "duban.log.format";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> settings = new HashMap<>();
    String format = environment.getProperty(LOG_FORMAT, "plain").strip();
    switch (format) {
      case "", "plain" -> {
      }
      case "json" -> {
        settings.put("logging.structured.format.console", "ecs");
        // which node wrote the line (service.node.name), as the X-Duban-Node header names it
        String node = environment.getProperty("duban.node.name", "").strip();
        if (!node.isEmpty()) {
          settings.put("logging.structured.ecs.service.node-name", node);
        }
      }
      default -> throw new IllegalStateException(
          "DUBAN_LOG_FORMAT (duban.log.format) must be plain or json, not '" + format + "'");
    }
    String managementPort = environment.getProperty("management.server.port", "").strip();
    if (!managementPort.isEmpty()) {
      settings.put("management.server.address", "127.0.0.1");
    }
    if (!settings.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource("duban operations settings", settings));
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
