package cn.duban.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import org.springframework.util.FileSystemUtils;

import cn.duban.support.Node;

/**
 * A PostgreSQL server of Debian's packages ({@code postgresql-15}), as a bureau runs one beside duban: a cluster of
 * its own in a temporary directory, on 127.0.0.1 only, its superuser {@code duban} trusted there. Debian's
 * {@code pg_dump} and {@code pg_restore} are version 15 and refuse to dump a newer server (such as the embedded
 * PostgreSQL 17), so the backup test runs duban on this one. The server refuses to run as root: as root the test
 * runs it as Debian's {@code postgres} user.
 */
final class DebianPostgres implements AutoCloseable {

  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final String USER = "duban";

  private final Path dir;
  private final int port;

  private DebianPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Whether Debian's server and client programs are installed ({@code apt-get install postgresql-15}). */
  static boolean installed() {
    return List.of("initdb", "pg_ctl", "pg_dump", "pg_restore", "psql").stream()
        .allMatch(program -> Files.isExecutable(BIN.resolve(program)));
  }

  static DebianPostgres start() {
    try {
      Path dir = Files.createTempDirectory("duban-pg15-");
      if (root()) {
        run(List.of("chown", "postgres:", dir.toString()), Duration.ofSeconds(10));
      }
      int port = Node.freePort();
      DebianPostgres server = new DebianPostgres(dir, port);
      server.asServer(Duration.ofMinutes(1), BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
          "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
      server.asServer(Duration.ofMinutes(1), BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-l", dir.resolve("server.log").toString(), "-w", "-o",
          "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start");
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  JdbcTemplate jdbc(String database) {
    return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(database), USER, ""));
  }

  void createDatabase(String name) {
    jdbc("postgres").execute("create database " + name + " encoding 'UTF8' template template0");
  }

  /** The libpq variables with which deploy/backup.sh and deploy/restore.sh reach {@code database}. */
  Map<String, String> environment(String database) {
    return Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(port), "PGUSER", USER, "PGDATABASE", database,
        "PG_BIN", BIN.toString());
  }

  @Override
  public void close() {
    asServer(Duration.ofMinutes(1), BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
        "-m", "fast", "-w", "stop");
    FileSystemUtils.deleteRecursively(dir.toFile());
  }

  private void asServer(Duration limit, String... command) {
    List<String> line = new ArrayList<>();
    if (root()) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(line, limit);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, Duration limit) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + limit);
      }
      String output = new String(process.getInputStream().readAllBytes());
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
