package cn.duban.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL a duban left behind when it died without closing it ({@code kill -9}, the OOM killer, a
 * power cut). pg_ctl starts the server in a session of its own, so it outlives its JVM, even a kill of the JVM's
 * whole process group; its {@code postmaster.pid} then makes the next server on that data directory refuse to
 * start, and zonky waits for it in vain. Before each start {@link #clear} looks at that file:
 * <ul>
 *   <li>it names a live PostgreSQL whose working directory is this data directory (a postmaster {@code chdir}s into
 *   its data directory), and no running duban holds zonky's {@code epg-lock} on the directory: the orphan is stopped
 *   with SIGTERM (a smart shutdown: its clients died with their JVM, so it ends at once, after a checkpoint) and the
 *   start goes on as usual;</li>
 *   <li>it names a process that is gone: left to PostgreSQL, which removes the stale file itself after checking that
 *   no process of the old server still holds its shared memory (removing the file here would skip that check);</li>
 *   <li>it names a live process that is not a PostgreSQL of this data directory (the PID was reused after a machine
 *   crash, by another server or anything else): that process is left alone, and the stale file is removed, as
 *   PostgreSQL would otherwise take the living PID for a server of its own.</li>
 * </ul>
 * A process is never signalled unless {@code /proc} proves it is a postgres working in this directory; without
 * {@code /proc} (not Linux) nothing is done and PostgreSQL decides as before.
 */
final class OrphanedPostgres {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);

  /** zonky's lock on a data directory, held by the JVM whose server runs on it (released when that JVM dies) */
  static final String ZONKY_LOCK = "epg-lock";
  static final String PID_FILE = "postmaster.pid";
  private static final Path PROC = Path.of("/proc");

  private OrphanedPostgres() {
  }

  /**
   * Makes {@code dataDir} ready for a start of the embedded server: stops its orphaned server, removes a pid file a
   * reused PID would make PostgreSQL trust, and refuses a directory whose server a running duban uses.
   *
   * @param stopTimeout how long the orphan may take to shut down
   */
  static void clear(Path dataDir, Duration stopTimeout) throws IOException {
    Path pidFile = dataDir.resolve(PID_FILE);
    if (!Files.exists(pidFile) || !Files.isDirectory(PROC.resolve("self"))) {
      return;
    }
    // held while we look, so that no other duban starts a server on this directory meanwhile
    try (FileChannel channel = FileChannel.open(dataDir.resolve(ZONKY_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
         FileLock lock = tryLock(channel)) {
      if (lock == null) {
        throw new IllegalStateException("The embedded PostgreSQL in " + dataDir + " belongs to another duban that "
            + "is still running (it holds " + ZONKY_LOCK + "); stop that one first or give this one its own "
            + "DUBAN_DATA_DIR");
      }
      Optional<ProcessHandle> named = namedProcess(pidFile);
      if (named.isEmpty()) {
        return; // no PID, or its process is gone: PostgreSQL's own checks decide
      }
      ProcessHandle process = named.get();
      if (isPostgresOf(process, dataDir)) {
        stop(process, dataDir, stopTimeout);
      } else {
        log.warn("{} names PID {} ({}), which is not a PostgreSQL of this data directory: leaving that process "
            + "alone and removing the stale file", pidFile, process.pid(), process.info().command().orElse("?"));
        Files.deleteIfExists(pidFile);
      }
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // this JVM runs a server on the directory
    }
  }

  /** The live process named on the first line of postmaster.pid. */
  private static Optional<ProcessHandle> namedProcess(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
      log.warn("{} names no process; leaving it to PostgreSQL", pidFile);
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
  }

  /** A postgres executable working in {@code dataDir}: what a postmaster of that directory is, and nothing else. */
  static boolean isPostgresOf(ProcessHandle process, Path dataDir) {
    Path proc = PROC.resolve(Long.toString(process.pid()));
    try {
      String executable = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString();
      Path workingDirectory = Files.readSymbolicLink(proc.resolve("cwd"));
      // a binary deleted since it started shows as "postgres (deleted)"
      return (executable.equals("postgres") || executable.startsWith("postgres "))
          && Files.isSameFile(workingDirectory, dataDir);
    } catch (IOException | SecurityException e) {
      return false; // gone, or another user's: not a server this duban could have started
    }
  }

  private static void stop(ProcessHandle postmaster, Path dataDir, Duration timeout) throws IOException {
    log.warn("The embedded PostgreSQL of {} (PID {}) outlived the duban that started it (killed?): stopping it "
        + "before starting again", dataDir, postmaster.pid());
    // ProcessHandle checks the start time too: a PID reused meanwhile is not signalled
    postmaster.destroy();
    try {
      postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The orphaned embedded PostgreSQL (PID " + postmaster.pid() + ") of " + dataDir
          + " did not stop within " + timeout + " (a client still connected?); stop it by hand (docs/operations.md)");
    } catch (ExecutionException e) {
      throw new IOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    log.info("The orphaned embedded PostgreSQL of {} stopped", dataDir);
  }
}
