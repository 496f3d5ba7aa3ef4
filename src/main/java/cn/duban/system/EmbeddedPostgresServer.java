package cn.duban.system;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL (no database configured), started on a thread of its own as soon as the configuration is
 * known ({@link EmbeddedDatabaseStartup}), so that unpacking the binaries, initdb and the server's start overlap with
 * Spring building the application instead of coming after it. Closed once, by the application context: no JVM
 * shutdown hook (it would stall test JVMs).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  /** an orphan has no clients left: its shutdown takes a checkpoint's time */
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final CompletableFuture<EmbeddedPostgres> server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(CompletableFuture<EmbeddedPostgres> server) {
    this.server = server;
  }

  /** Starts the server in the background; {@link #get()} waits for it. */
  static EmbeddedPostgresServer start(DubanProperties.Embedded settings) {
    CompletableFuture<EmbeddedPostgres> future = new CompletableFuture<>();
    Thread starter = new Thread(() -> {
      try {
        future.complete(startNow(settings));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, "embedded-postgres-start");
    starter.setDaemon(true);
    starter.start();
    return new EmbeddedPostgresServer(future);
  }

  private static EmbeddedPostgres startNow(DubanProperties.Embedded settings) throws IOException {
    var dir = settings.postgresDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    log.info("No database configured (DUBAN_DB_URL): starting the embedded PostgreSQL with its data in {}", dir);
    // a server left running by a duban that was killed would keep this one from starting
    OrphanedPostgres.clear(dir, ORPHAN_STOP_TIMEOUT);
    if (settings.clean()) {
      // throw-away data left by a run that was killed: initdb wants an empty directory
      FileSystemUtils.deleteRecursively(dir);
      Files.createDirectories(dir);
    }
    var builder = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(settings.clean())
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setLocaleConfig("locale", "C.UTF-8")
        .setLocaleConfig("encoding", "UTF8")
        .setServerConfig("max_connections", "100")
        .setServerConfig("timezone", "UTC");
    if (!settings.clean()) {
      // The data is meant to last: a commit is on disk before duban reports it done, so it survives a crash of the
      // machine, not only of duban. zonky starts its servers for throw-away test data, with "-F" (fsync off) and
      // synchronous_commit off; these later options override both. Throw-away data (clean) keeps zonky's speed.
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
    }
    if (settings.port() > 0) {
      builder.setPort(settings.port());
    }
    return builder.start();
  }

  /** The running server, once it has started; its failure to start, as the application's failure to start. */
  public EmbeddedPostgres get() {
    try {
      return server.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  /** Stops the server (waiting for a start still under way); only the first call does anything. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    EmbeddedPostgres postgres;
    try {
      postgres = server.join();
    } catch (CompletionException e) {
      return; // it never ran
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("The embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
