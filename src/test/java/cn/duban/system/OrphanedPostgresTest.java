package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the start of the embedded PostgreSQL does with a {@code postmaster.pid} it finds, on real servers (zonky, in
 * this JVM): a server of another data directory is never touched, a file whose server is gone never blocks the
 * start, the server of a duban still running is never stopped, and throw-away data a killed test run left behind is
 * started afresh. The orphan of a killed duban:
 * {@link EmbeddedCrashRestartIntegrationTest}.
 */
class OrphanedPostgresTest {

  final Path root = Path.of("target", "orphaned-postgres", Long.toString(System.nanoTime(), 36)).toAbsolutePath();
  final DubanProperties.Embedded ours = new DubanProperties.Embedded(root.resolve("ours"), 0, false);
  EmbeddedPostgresServer server;
  EmbeddedPostgres other;

  @AfterEach
  void stopTheServers() throws IOException {
    if (server != null) {
      server.close();
    }
    if (other != null) {
      other.close();
    }
    FileSystemUtils.deleteRecursively(root);
  }

  @Test
  void aPostgreSqlOfAnotherDataDirectoryNamedInOurPidFileIsLeftRunningAndOurServerStartsAnyway() throws Exception {
    startOurs().close(); // initdb
    other = EmbeddedPostgres.builder().setDataDirectory(root.resolve("other")).setCleanDataDirectory(true)
        .setRegisterShutdownHook(false).start();
    long otherPid = pidIn(root.resolve("other"));
    // after a machine crash our stale file may name a PID that now belongs to someone else's server
    Files.copy(root.resolve("other").resolve(OrphanedPostgres.PID_FILE), pidFile());

    startOurs();
    assertThat(answers(server.get().getPostgresDatabase())).isTrue();
    assertThat(ProcessHandle.of(otherPid).filter(ProcessHandle::isAlive)).as("the other server was not stopped")
        .isPresent();
    assertThat(answers(other.getPostgresDatabase())).as("the other server still serves").isTrue();
  }

  @Test
  void aPidFileWhoseServerIsGoneDoesNotBlockTheStartAndCommittedDataIsThere() throws Exception {
    startOurs();
    execute(server.get().getPostgresDatabase(), "create table kept (v int); insert into kept values (42)");
    long postmaster = pidIn(ours.postgresDir());
    // as a power cut takes it: the server and all its processes at once (pg_ctl made it lead a session of its own)
    new ProcessBuilder("kill", "-9", "--", "-" + postmaster).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    EmbeddedCrashRestartIntegrationTest.postgresProcessesOf(ours.postgresDir().toAbsolutePath())
        .forEach(left -> left.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(pidFile()).as("the dead server's file is left behind").exists();
    server.close(); // releases zonky's lock as the death of its JVM would (its pg_ctl stop finds no server)

    long started = System.nanoTime();
    startOurs();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    try (Connection connection = server.get().getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select v from kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
  }

  @Test
  void theServerOfADubanStillRunningOnTheDirectoryIsNeverStopped() throws Exception {
    startOurs(); // this JVM holds zonky's lock on the directory, as the running duban would
    long postmaster = pidIn(ours.postgresDir());

    assertThatThrownBy(() -> OrphanedPostgres.clear(ours.postgresDir().toAbsolutePath(), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
    assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isPresent();
    assertThat(answers(server.get().getPostgresDatabase())).isTrue();
  }

  @Test
  void throwAwayDataThatAKilledRunLeftBehindDoesNotBlockTheNextCleanStart() throws Exception {
    startOurs().close(); // a data directory with a database in it, as a killed test run leaves target/test-postgres

    // clean: initdb again, which refuses a directory that is not empty
    server = EmbeddedPostgresServer.start(new DubanProperties.Embedded(ours.dataDir(), 0, true));
    assertThat(answers(server.get().getPostgresDatabase())).isTrue();
  }

  private EmbeddedPostgresServer startOurs() {
    server = EmbeddedPostgresServer.start(ours);
    server.get();
    return server;
  }

  private Path pidFile() {
    return ours.postgresDir().resolve(OrphanedPostgres.PID_FILE);
  }

  private static long pidIn(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve(OrphanedPostgres.PID_FILE)).get(0).strip());
  }

  private static boolean answers(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select 1")) {
      return rs.next();
    }
  }

  private static void execute(DataSource database, String sql) throws SQLException {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
