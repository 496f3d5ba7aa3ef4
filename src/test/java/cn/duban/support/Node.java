package cn.duban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.duban.DubanApplication;

/**
 * duban as an operator runs it: a separate JVM ({@code java cn.duban.DubanApplication} on the main classes and the
 * runtime dependencies, which Maven writes to {@code target/runtime-classpath.txt}; never the test classes),
 * on its own port, against the database it is given (or on its embedded PostgreSQL), with its job executor running.
 * Killed with {@code kill -9} when a test wants a crash. Its log is kept in {@code target/nodes/<name>.log}.
 */
public final class Node implements AutoCloseable {

  /** What every node of a test shares: the database and the mail server. */
  public record Cluster(String jdbcUrl, String user, String password, int smtpPort) {
  }

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private Node(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  public static Node start(String name, Cluster cluster, String... extraArguments) {
    return start(name, freePort(), cluster, extraArguments);
  }

  /** A node on a given port: a node restarted where the load balancer expects it. */
  public static Node start(String name, int port, Cluster cluster, String... extraArguments) {
    List<String> command = new ArrayList<>(java(port));
    command.addAll(List.of(
        "--spring.datasource.url=" + cluster.jdbcUrl(),
        "--spring.datasource.username=" + cluster.user(),
        "--spring.datasource.password=" + (cluster.password() == null ? "" : cluster.password()),
        "--spring.datasource.hikari.maximum-pool-size=15",
        // the demo bureau gives the nodes their units and people (with e-mail addresses)
        "--duban.demo.enabled=true",
        "--duban.demo.allow-external-database=true",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + cluster.smtpPort(),
        "--duban.notify.poll-interval=500ms",
        "--duban.notify.digest-delay=1s",
        // a dead node's claims and job locks expire in seconds here (minutes in production)
        "--duban.notify.send-timeout=30s",
        "--camunda.bpm.job-execution.lock-time-in-millis=15000",
        // an idle node looks for due jobs at least every 2 s (the starter backs off to 60 s): on two nodes the one
        // that did not create the jobs (and so got no hint) joins the work at once
        "--camunda.bpm.job-execution.max-wait=2000"));
    command.addAll(List.of(extraArguments));
    return launch(name, port, command);
  }

  /**
   * duban as {@code ./mvnw spring-boot:run} runs it: no database configured, so on its embedded PostgreSQL with the
   * data in {@code dataDir}, demo bureau included (no mail server: notifications stay in the outbox). Started with
   * {@code setsid}, so the node leads a process group of its own that {@link #kill9Group()} can kill whole.
   */
  public static Node startEmbedded(String name, Path dataDir, String... extraArguments) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of("setsid"));
    command.addAll(java(port));
    command.addAll(List.of(
        "--spring.datasource.url=",
        "--duban.database.embedded.data-dir=" + dataDir.toAbsolutePath(),
        "--duban.notify.scheduler-enabled=false"));
    command.addAll(List.of(extraArguments));
    return launch(name, port, command);
  }

  private static List<String> java(int port) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
        "-cp", classpath(),
        DubanApplication.class.getName(),
        "--server.port=" + port,
        "--spring.main.banner-mode=off",
        "--duban.admin.password=node-admin-password");
  }

  private static Node launch(String name, int port, List<String> command) {
    // the name the node gives itself in X-Duban-Node, its log lines and its job locks
    command.add("--duban.node.name=" + name);
    Path log = Path.of("target", "nodes", name + ".log");
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      Node node = new Node(name, port, process, log);
      node.awaitUp(Duration.ofMinutes(4));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Freezes the node (SIGSTOP): it holds whatever it had, as at the instant of a crash. */
  public void freeze() {
    signal("-STOP");
  }

  /** Lets a frozen node go on (SIGCONT). */
  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A crash: SIGKILL, no shutdown hooks, no transaction finished. */
  public void kill9() {
    kill9(String.valueOf(process.pid()));
  }

  /**
   * A crash of everything the node's process group holds (as a terminal's hang-up or a service manager would kill
   * it): SIGKILL to the group of a node started by {@link #startEmbedded}, which leads its group.
   */
  public void kill9Group() {
    try {
      // field 5 of /proc/<pid>/stat, after the parenthesised command name
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      long group = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
      if (group != process.pid()) {
        throw new IllegalStateException("node " + name + " does not lead its process group (" + group + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    kill9("-" + process.pid());
  }

  private void kill9(String target) {
    try {
      Process kill = new ProcessBuilder("kill", "-9", "--", target).inheritIO().start();
      kill.waitFor(10, TimeUnit.SECONDS);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node " + name + " survived kill -9");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A normal stop (SIGTERM): Spring closes the context. */
  @Override
  public void close() {
    if (process.isAlive()) {
      stop(process, Duration.ofSeconds(60));
    }
  }

  /** SIGTERM to a process the test started, SIGKILL when it has not ended within {@code grace}. */
  public static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every line the node has logged so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end of the node's log, for assertion messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitUp(Duration timeout) {
    HttpClient client = HttpClient.newHttpClient();
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited while starting:\n" + logTail());
      }
      try {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
            // readiness on the main port, as a load balancer asks (also when the actuator has a port of its own)
            URI.create("http://localhost:" + port + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(250);
    }
    close();
    throw new IllegalStateException("node " + name + " did not start within " + timeout + ":\n" + logTail());
  }

  /** The product's classpath: what {@code java -jar} would run, without anything of the tests. */
  static String classpath() {
    try {
      Path dependencies = Path.of("target", "runtime-classpath.txt");
      return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
          + Files.readString(dependencies).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("target/runtime-classpath.txt is written by Maven (generate-test-resources)", e);
    }
  }

  /** Waits between two looks at something another process does (a node, a server starting). */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
