package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;
import cn.duban.support.NodeDatabase;

/**
 * Two duban nodes (two processes) on one PostgreSQL behind Debian's nginx with {@code deploy/nginx-duban.conf}:
 * round-robin, no stickiness. A person signs in once; pages, {@code /api} and Tasklist's API alternate between the
 * nodes with the same cookie; after {@code kill -9} of one node the person carries on through the other without
 * signing in again. Skipped when nginx is not installed ({@code .ci/run} installs it).
 */
@DubanSpringTest
class SessionsBehindNginxIntegrationTest {

  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final String WEBAPP_TASK_COUNT = "/camunda/api/engine/engine/default/task/count";

  @Autowired DataSource testDataSource;

  @Test
  void aPersonSignedInOnceIsServedByBothNodesAndCarriesOnWhenOneIsKilled() throws Exception {
    assumeTrue(Files.isExecutable(NGINX),
        "nginx is not installed (/usr/sbin/nginx missing): apt-get install nginx, as .ci/run does");
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_nginx", Node.freePort());
         Node a = Node.start("nginx-a", database.cluster());
         Node b = Node.start("nginx-b", database.cluster());
         Nginx nginx = Nginx.start(a.port(), b.port())) {
      Http browser = Http.browser(nginx.port());
      assertThat(browser.signIn("huangjunjie", "demo").status()).isEqualTo(302);
      Http person = browser.withWebappCsrfToken();

      List<String> servedBy = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Http.Response response = request(person, i);
        assertThat(response.status()).as("request %d: %s", i, response.body()).isEqualTo(200);
        servedBy.add(response.header("X-Duban-Node"));
      }
      assertThat(servedBy).as("round-robin, no stickiness").containsOnly("nginx-a", "nginx-b");
      assertThat(servedBy.stream().filter("nginx-a"::equals).count()).isBetween(15L, 25L);

      a.kill9();
      for (int i = 0; i < 20; i++) {
        Http.Response response = request(person, i);
        assertThat(response.status()).as("after the kill, request %d: %s", i, response.body()).isEqualTo(200);
        assertThat(response.header("X-Duban-Node")).isEqualTo("nginx-b");
      }
      assertThat(person.get("/api/me").json().get("id").asText()).as("still signed in").isEqualTo("huangjunjie");
    }
  }

  /** A page, duban's API or Tasklist's API (a write, with the webapps' CSRF token), in turn. */
  static Http.Response request(Http person, int i) {
    return switch (i % 4) {
      case 0 -> person.get("/", "text/html");
      case 1 -> person.get("/api/me");
      case 2 -> person.get("/api/items");
      default -> person.post(WEBAPP_TASK_COUNT, Map.of());
    };
  }

  /** Debian's nginx in the foreground, with deploy/nginx-duban.conf pointed at the two nodes; stopped on close. */
  record Nginx(Process process, int port) implements AutoCloseable {

    static Nginx start(int nodeA, int nodeB) throws IOException {
      Path dir = Path.of("target", "nginx").toAbsolutePath();
      Files.createDirectories(dir.resolve("temp"));
      // the workers run as nobody when nginx is started by root: they write proxy buffers here
      dir.resolve("temp").toFile().setWritable(true, false);
      int port = Node.freePort();
      String site = Files.readString(Path.of("deploy", "nginx-duban.conf"))
          .replace("server duban-a:8080", "server 127.0.0.1:" + nodeA)
          .replace("server duban-b:8080", "server 127.0.0.1:" + nodeB)
          .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
      assertThat(site).contains("127.0.0.1:" + nodeA, "127.0.0.1:" + nodeB, "listen 127.0.0.1:" + port);
      Files.writeString(dir.resolve("duban.conf"), site);
      Files.writeString(dir.resolve("nginx.conf"), """
          daemon off;
          pid %1$s/nginx.pid;
          error_log %1$s/error.log;
          events { worker_connections 256; }
          http {
            access_log %1$s/access.log;
            client_body_temp_path %1$s/temp/body;
            proxy_temp_path %1$s/temp/proxy;
            fastcgi_temp_path %1$s/temp/fastcgi;
            uwsgi_temp_path %1$s/temp/uwsgi;
            scgi_temp_path %1$s/temp/scgi;
            include %1$s/duban.conf;
          }
          """.formatted(dir));
      Process process = new ProcessBuilder(NGINX.toString(), "-e", dir.resolve("error.log").toString(),
          "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
      Nginx nginx = new Nginx(process, port);
      nginx.awaitUp();
      return nginx;
    }

    private void awaitUp() {
      Http probe = Http.anonymous(port);
      for (int i = 0; i < 100; i++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("nginx exited: " + log());
        }
        try {
          if (probe.get("/readyz").status() == 200) {
            return;
          }
        } catch (UncheckedIOException e) {
          // not listening yet
        }
        Node.pause(100);
      }
      close();
      throw new IllegalStateException("nginx did not answer: " + log());
    }

    private String log() {
      try {
        return Files.readString(Path.of("target", "nginx", "nginx.out")) + "\n"
            + Files.readString(Path.of("target", "nginx", "error.log"));
      } catch (IOException e) {
        return e.toString();
      }
    }

    /** SIGTERM: nginx's fast shutdown, its workers with it. */
    @Override
    public void close() {
      Node.stop(process, Duration.ofSeconds(20));
    }
  }
}
