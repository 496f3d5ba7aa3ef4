package cn.duban.system.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The actuator's own port ({@code DUBAN_MANAGEMENT_PORT}, {@code management.server.port}), bound to 127.0.0.1
 * ({@code management.server.address}): a request that arrives there comes from the machine itself (a Prometheus
 * agent beside duban) and reads the figures without signing in. Without that setting the actuator shares the main
 * port and its figures are for admins only.
 */
@Component
class ManagementPort {

  private final Integer port;

  ManagementPort(@Value("${management.server.port:#{null}}") Integer port,
                 @Value("${server.port:8080}") int serverPort) {
    // the same number as the main port puts the actuator on the main port: nothing is opened then
    this.port = port != null && port > 0 && port != serverPort ? port : null;
  }

  boolean matches(HttpServletRequest request) {
    return port != null && request.getLocalPort() == port;
  }
}
