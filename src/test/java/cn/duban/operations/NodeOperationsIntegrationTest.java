package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;
import cn.duban.support.NodeDatabase;

/**
 * A node as an operator runs it, in a process of its own: the actuator on {@code DUBAN_MANAGEMENT_PORT}, bound to
 * 127.0.0.1, where a Prometheus agent on the machine reads the figures without signing in, while the main port
 * gives them to nobody; the log in JSON ({@code DUBAN_LOG_FORMAT=json}), a line per request with the user id and
 * the item code.
 */
@DubanSpringTest
class NodeOperationsIntegrationTest {

  @Autowired DataSource testDataSource;

  @Test
  void theManagementPortServesTheFiguresOnTheMachineOnlyAndTheLogIsJson() throws IOException {
    int management = Node.freePort();
    // the node's log is appended to: start from an empty one
    Files.deleteIfExists(Path.of("target", "nodes", "ops.log"));
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_ops", Node.freePort());
         Node node = Node.start("ops", database.cluster(), "--management.server.port=" + management,
             "--duban.log.format=json")) {
      Http local = Http.anonymous(management);
      Http.Response figures = local.get("/actuator/prometheus");
      assertThat(figures.status()).isEqualTo(200);
      assertThat(figures.body()).contains("duban_items_open{", "duban_engine_jobs{", "node=\"ops\"");
      assertThat(local.get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");

      Http main = Http.anonymous(node.port());
      assertThat(main.get("/actuator/prometheus").status()).as("the main port").isIn(401, 404);
      assertThat(main.get("/readyz").status()).as("the load balancer's probe on the main port").isEqualTo(200);
      assertThat(main.get("/livez").status()).isEqualTo(200);

      // DUBAN_LOG_FORMAT=json: one JSON object a line, the request's line with the user id and the item code
      Http cadre = Http.basic(node.port(), "huangjunjie", "demo");
      String code = cadre.get("/api/items").json().path("items").path(0).path("code").asText();
      assertThat(code).as("the demo cadre has items").isNotEmpty();
      assertThat(cadre.get("/api/items/" + code).status()).isEqualTo(200);
      // written once the response is complete, which the client may see a moment earlier
      JsonNode line = null;
      for (int attempt = 0; line == null && attempt < 50; attempt++) {
        Node.pause(100);
        line = requestLine(node, "/api/items/" + code);
      }
      assertThat(line).as("the request line of /api/items/" + code).isNotNull();
      assertThat(line.get("user").asText()).isEqualTo("huangjunjie");
      assertThat(line.get("item").asText()).isEqualTo(code);
      assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(200);
      assertThat(line.at("/service/node/name").asText()).isEqualTo("ops");
      assertThat(line.get("@timestamp")).isNotNull();

      Optional<InetAddress> outside = outsideAddress();
      outside.ifPresent(address -> assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, management), 2000);
        }
      }).as("the management port from " + address).isInstanceOf(IOException.class));
    }
  }

  /**
   * The JSON log line of the request for {@code path}, or null while there is none; every line logged from the
   * start on must be JSON.
   */
  static JsonNode requestLine(Node node, String path) {
    ObjectMapper json = new ObjectMapper();
    JsonNode found = null;
    List<String> lines = node.logLines();
    // what the JVM prints before logging starts (a class data sharing warning, say) is not the log
    int first = java.util.stream.IntStream.range(0, lines.size()).filter(i -> lines.get(i).startsWith("{"))
        .findFirst().orElse(lines.size());
    for (String line : lines.subList(first, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode entry = json.readTree(line);
        if ("duban.requests".equals(entry.at("/log/logger").asText()) && path.equals(entry.at("/url/path").asText())) {
          found = entry;
        }
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return found;
  }

  /** An address of this machine other than loopback, as another machine would reach it. */
  static Optional<InetAddress> outsideAddress() {
    try {
      return NetworkInterface.networkInterfaces().filter(i -> {
        try {
          return i.isUp() && !i.isLoopback();
        } catch (IOException e) {
          return false;
        }
      }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
