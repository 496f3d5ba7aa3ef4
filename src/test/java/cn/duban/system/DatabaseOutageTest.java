package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.duban.DubanApplication;
import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * PostgreSQL stops answering (its processes are paused with SIGSTOP, as in a freeze of its machine or storage):
 * duban answers quickly, 503 in Chinese, on {@code /api} and on its pages, instead of a 500 with an English body
 * after 30 s; and works again as soon as the database does. duban runs here on an embedded PostgreSQL of its own
 * (a data directory of this test), so that only that server is paused.
 */
@Tag("own-jvm") // a second duban in this JVM: it must not share the JVM with the shared test context
class DatabaseOutageTest {

  static final String ADMIN_PASSWORD = "outage-admin-password";
  /** The pool waits 5 s for a connection (spring.datasource.hikari.connection-timeout); the answer must follow. */
  static final Duration QUICKLY = Duration.ofSeconds(10);

  @TempDir Path dataDir;

  ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(DubanApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=",
        "--duban.database.embedded.data-dir=" + dataDir,
        "--duban.demo.enabled=false",
        "--duban.admin.password=" + ADMIN_PASSWORD,
        // this engine must not take the name of the shared test context's engine
        "--camunda.bpm.process-engine-name=outage-test",
        "--camunda.bpm.job-execution.enabled=false",
        "--duban.notify.scheduler-enabled=false");
  }

  @Test
  void aDatabaseThatStopsAnsweringGets503InChineseWithinSecondsAndDubanWorksAgainWhenItAnswers() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      Http api = Http.basic(port, "admin", ADMIN_PASSWORD);
      Http browser = Http.browser(port);
      String login = browser.get("/login").body();
      browser.postForm("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", csrf(login)));
      assertThat(api.get("/api/items").status()).isEqualTo(200);
      assertThat(browser.get("/", "text/html").status()).isEqualTo(200);

      List<Long> postgres = postgresProcesses();
      signal("STOP", postgres);
      try {
        // a connection used in the last 500 ms is handed out without a check (Hikari): let those age
        Node.pause(1000);
        Http.Response apiDown = timed("GET /api/items", () -> api.get("/api/items"));
        assertThat(apiDown.status()).as(apiDown.body()).isEqualTo(503);
        assertThat(apiDown.contentType()).startsWith("application/problem+json");
        assertThat(apiDown.json().get("detail").asText()).contains("数据库暂时无法连接");

        Http.Response pageDown = timed("GET / (page)", () -> browser.get("/", "text/html"));
        assertThat(pageDown.status()).as(pageDown.body()).isEqualTo(503);
        assertThat(pageDown.contentType()).startsWith("text/html");
        assertThat(pageDown.body()).contains("数据库暂时无法连接").doesNotContain("Exception");
      } finally {
        signal("CONT", postgres);
      }

      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int status = 0;
      while (System.nanoTime() < until && status != 200) {
        status = api.get("/api/items").status();
        if (status != 200) {
          Node.pause(500);
        }
      }
      assertThat(status).as("duban answers again once the database does").isEqualTo(200);
      assertThat(browser.get("/", "text/html").status()).isEqualTo(200);
    }
  }

  /** The request, which must be answered within {@link #QUICKLY}. */
  private static Http.Response timed(String what, Supplier<Http.Response> request) throws Exception {
    long started = System.nanoTime();
    Http.Response response = CompletableFuture.supplyAsync(request).get(QUICKLY.toSeconds() + 20, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as(what + " answered quickly").isLessThan(QUICKLY);
    return response;
  }

  /** The postmaster of this test's server (its pid file) and every process it started. */
  private List<Long> postgresProcesses() throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    List<Long> pids = new ArrayList<>();
    pids.add(postmaster);
    ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  private static void signal(String signal, List<Long> pids) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(String.valueOf(pid)));
    try {
      Process kill = new ProcessBuilder(command).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
