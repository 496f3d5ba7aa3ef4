package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Optional;

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
 * gives them to nobody.
 */
@DubanSpringTest
class NodeOperationsIntegrationTest {

  @Autowired DataSource testDataSource;

  @Test
  void theManagementPortServesTheFiguresOnTheMachineOnly() {
    int management = Node.freePort();
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_ops", Node.freePort());
         Node node = Node.start("ops", database.cluster(), "--management.server.port=" + management)) {
      Http local = Http.anonymous(management);
      Http.Response figures = local.get("/actuator/prometheus");
      assertThat(figures.status()).isEqualTo(200);
      assertThat(figures.body()).contains("duban_items_open{", "duban_engine_jobs{", "node=\"ops\"");
      assertThat(local.get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");

      Http main = Http.anonymous(node.port());
      assertThat(main.get("/actuator/prometheus").status()).as("the main port").isIn(401, 404);
      assertThat(main.get("/readyz").status()).as("the load balancer's probe on the main port").isEqualTo(200);
      assertThat(main.get("/livez").status()).isEqualTo(200);

      Optional<InetAddress> outside = outsideAddress();
      outside.ifPresent(address -> assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, management), 2000);
        }
      }).as("the management port from " + address).isInstanceOf(IOException.class));
    }
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
