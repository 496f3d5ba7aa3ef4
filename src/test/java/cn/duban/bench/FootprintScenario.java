package cn.duban.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.duban.bench.Figures.Target;

/**
 * Scenario 5, footprint: the packaged jar ({@code java -Xmx512m -jar target/duban-*.jar}, the JVM options of
 * {@code duban.jvm.arguments} in pom.xml) as a child process.
 * <ol>
 *   <li>with its embedded database (fresh data directory, demo bureau), as {@code ./mvnw spring-boot:run} on a new
 *       machine: seconds from the JVM's launch until a demo user can sign in (the office's {@code zhoumin} gets 200
 *       from {@code /api/items}; the demo items may still be being created), until the node is ready
 *       ({@code /readyz}: demo items done), resident memory of the JVM (VmRSS) and of the embedded PostgreSQL (sum
 *       of the server processes' PSS); then stopped and started again on the same data directory: seconds until
 *       sign-in works;</li>
 *   <li>on the bench's database of the variant, with scenario 3's data: start-up, resident memory after start and
 *       after scenario 3's queries over HTTP ({@code /engine-rest/task} page + count as the two-unit cadre,
 *       {@code /api/items} pages; 200 rounds or 60 s).</li>
 * </ol>
 * The default variant is the same jar with the starter's job-executor settings as command-line arguments.
 */
final class FootprintScenario {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FootprintScenario() {
  }

  /**
   * How duban is launched: the packaged jar with {@code duban.jvm.arguments}, or the fast start of
   * docs/operations.md (the jar extracted with Spring Boot's {@code jarmode=tools}, a class data sharing archive from
   * a training run, the client compiler only).
   */
  record Launch(Path jar, List<String> jvm, String name) {

    static Launch packaged(Path jar) {
      List<String> jvm = new ArrayList<>();
      for (String option : System.getProperty("bench.jvmArguments", "-Xmx512m").trim().split("\\s+")) {
        if (!option.isEmpty()) {
          jvm.add(option);
        }
      }
      return new Launch(jar, jvm, "");
    }

    /** Extracts {@code jar} under {@code out} and trains its archive on a data directory of its own. */
    static Launch fast(Path jar, Path out, String variant) throws Exception {
      Path dir = out.resolve("fast-start-" + variant).toAbsolutePath();
      deleteRecursively(dir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      run(new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
          "--destination", dir.resolve("app").toString()), out.resolve("fast-start-" + variant + "-extract.log"));
      Path extracted = dir.resolve("app").resolve(jar.getFileName());
      Path archive = dir.resolve("duban.jsa");
      Launch training = new Launch(extracted, List.of("-Xmx512m", "-XX:ArchiveClassesAtExit=" + archive,
          "-Dspring.context.exit=onRefresh"), "-training");
      ProcessBuilder train = command(training, variant, cn.duban.support.Node.freePort());
      train.environment().put("DUBAN_DATA_DIR", dir.resolve("training-data").toString());
      train.environment().remove("DUBAN_DB_URL");
      run(train, out.resolve("fast-start-" + variant + "-training.log"));
      return new Launch(extracted, List.of("-Xmx512m", "-XX:SharedArchiveFile=" + archive,
          "-XX:TieredStopAtLevel=1"), "-fast");
    }

    private static void run(ProcessBuilder builder, Path log) throws Exception {
      Process process = builder.redirectOutput(log.toFile()).redirectErrorStream(true).start();
      if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("fast start preparation failed; see " + log);
      }
    }
  }

  record Sample(double startSeconds, double jvmMb, double postgresMb, double jvmAfterQueriesMb, double readySeconds,
                double restartSeconds) {
  }

  static void run(Figures figures, EmbeddedPostgres postgres, Variant duban, Variant standard, Path out)
      throws Exception {
    Path jar = Path.of(System.getProperty("bench.jar", "target/duban-0.1.0-SNAPSHOT.jar"));
    if (!Files.exists(jar)) {
      System.out.println("BENCH footprint skipped: no " + jar + " (run ./mvnw -Pbench verify, which packages it)");
      return;
    }
    Sample embeddedDefault = embedded(Launch.packaged(jar), out, Variant.DEFAULT);
    Sample embeddedDuban = embedded(Launch.packaged(jar), out, Variant.DUBAN);
    figures.add("footprint", "first start, embedded database: until a demo user can sign in", "s",
        embeddedDuban.startSeconds(), embeddedDefault.startSeconds(), Target.VALUE_AT_MOST, 10);
    figures.add("footprint", "first start, embedded database: until ready (demo items done)", "s",
        embeddedDuban.readySeconds(), embeddedDefault.readySeconds(), Target.NONE, 0);
    figures.add("footprint", "restart on the same data directory: until sign-in", "s",
        embeddedDuban.restartSeconds(), embeddedDefault.restartSeconds(), Target.VALUE_AT_MOST, 6);
    figures.add("footprint", "JVM resident memory after start (embedded db)", "MB", embeddedDuban.jvmMb(),
        embeddedDefault.jvmMb(), Target.NONE, 0);
    figures.add("footprint", "embedded PostgreSQL resident memory (PSS)", "MB", embeddedDuban.postgresMb(),
        embeddedDefault.postgresMb(), Target.NONE, 0);
    figures.add("footprint", "JVM + PostgreSQL resident memory after start", "MB",
        embeddedDuban.jvmMb() + embeddedDuban.postgresMb(), embeddedDefault.jvmMb() + embeddedDefault.postgresMb(),
        Target.VALUE_AT_MOST, 700);
    Sample fastDefault = embedded(Launch.fast(jar, out, Variant.DEFAULT), out, Variant.DEFAULT);
    Sample fastDuban = embedded(Launch.fast(jar, out, Variant.DUBAN), out, Variant.DUBAN);
    figures.add("footprint", "fast start (extracted, CDS, C1): first start until sign-in", "s",
        fastDuban.startSeconds(), fastDefault.startSeconds(), Target.VALUE_AT_MOST, 10);
    figures.add("footprint", "fast start (extracted, CDS, C1): restart until sign-in", "s",
        fastDuban.restartSeconds(), fastDefault.restartSeconds(), Target.VALUE_AT_MOST, 6);

    Sample loadedDefault = onBenchDatabase(jar, standard, Variant.DEFAULT);
    Sample loadedDuban = onBenchDatabase(jar, duban, Variant.DUBAN);
    figures.add("footprint", "start-up on scenario 3's database", "s", loadedDuban.startSeconds(),
        loadedDefault.startSeconds(), Target.NONE, 0);
    figures.add("footprint", "JVM resident memory after start (scenario 3 db)", "MB", loadedDuban.jvmMb(),
        loadedDefault.jvmMb(), Target.NONE, 0);
    figures.add("footprint", "JVM resident memory after scenario 3 queries", "MB", loadedDuban.jvmAfterQueriesMb(),
        loadedDefault.jvmAfterQueriesMb(), Target.VALUE_AT_MOST, 700);
  }

  private static Sample embedded(Launch launch, Path out, String variant) throws Exception {
    Path data = out.resolve("footprint-" + variant + launch.name()).toAbsolutePath();
    deleteRecursively(data);
    double signIn;
    double ready;
    double jvm;
    double pg;
    Child first = embeddedProcess(launch, out, variant, data, "first");
    try {
      signIn = waitUntil(first, "/api/items?size=1", DEMO_USER);
      ready = waitUntil(first, "/readyz", null);
      jvm = rssMb(first.process().pid());
      pg = postgresPssMb(data.resolve("postgres").toString());
    } finally {
      stop(first.process());
    }
    Child again = embeddedProcess(launch, out, variant, data, "restart");
    try {
      return new Sample(signIn, jvm, pg, Double.NaN, ready, waitUntil(again, "/api/items?size=1", DEMO_USER));
    } finally {
      stop(again.process());
    }
  }

  /** A duban started as a child process, and its HTTP port. */
  private record Child(Process process, int port) {
  }

  /** The demo bureau's office user and password ({@code ./mvnw spring-boot:run}'s sign-in). */
  private static final String DEMO_USER = "zhoumin";
  private static final String DEMO_PASSWORD = "demo";

  private static Child embeddedProcess(Launch launch, Path out, String variant, Path data, String run)
      throws IOException {
    int port = cn.duban.support.Node.freePort();
    ProcessBuilder builder = command(launch, variant, port);
    builder.environment().put("DUBAN_DATA_DIR", data.toString());
    builder.environment().remove("DUBAN_DB_URL");
    builder.redirectOutput(out.resolve("footprint-" + variant + launch.name() + "-embedded-" + run + ".log").toFile())
        .redirectErrorStream(true);
    return new Child(builder.start(), port);
  }

  /**
   * Seconds from the JVM's launch (the process's start time, as the kernel has it) until {@code path} answers 200,
   * asked as {@code user} (basic authentication with the demo password) or anonymously.
   */
  private static double waitUntil(Child child, String path, String user) throws Exception {
    if (user != null) {
      // a sign-in tried before the people exist is a failed sign-in, and duban's login throttle answers 429 after a
      // few: ask anonymously until the application is live, then as the user four times a second
      waitUntil(child, "/livez", null);
    }
    Process process = child.process();
    java.time.Instant launched = process.info().startInstant().orElseThrow();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("duban exited during start-up; see target/bench/footprint-*.log");
      }
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + child.port() + path))
            .timeout(Duration.ofSeconds(2));
        if (user != null) {
          request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + DEMO_PASSWORD)
              .getBytes(StandardCharsets.UTF_8)));
        }
        if (HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return Duration.between(launched, java.time.Instant.now()).toMillis() / 1e3;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(user == null ? 50 : 250);
    }
    throw new IllegalStateException("duban did not answer " + path + " within 3 minutes");
  }

  private static Sample onBenchDatabase(Path jar, Variant variant, String name) throws Exception {
    int port = cn.duban.support.Node.freePort();
    ProcessBuilder builder = command(Launch.packaged(jar), name, port);
    builder.environment().put("DUBAN_DB_URL", variant.jdbcUrl);
    builder.environment().put("DUBAN_DB_USER", "postgres");
    builder.environment().put("DUBAN_DEMO", "false");
    builder.environment().put("DUBAN_ADMIN_PASSWORD", BenchBureau.PASSWORD);
    builder.redirectOutput(Path.of(System.getProperty("bench.out", "target/bench"), "footprint-" + name + "-db.log")
        .toFile()).redirectErrorStream(true);
    Child child = new Child(builder.start(), port);
    Process process = child.process();
    try {
      double start = waitUntil(child, "/actuator/health", null);
      double jvm = rssMb(process.pid());
      String base = "http://localhost:" + port;
      // scenario 3's queries over HTTP: 200 rounds, at most 60 s (the Tasklist query takes seconds, see README)
      long until = System.nanoTime() + 60_000_000_000L;
      for (int i = 0; i < 200 && System.nanoTime() < until; i++) {
        get(base + "/engine-rest/task?candidateGroups=U01,U02&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50",
            BenchBureau.CADRE);
        get(base + "/engine-rest/task/count?candidateGroups=U01,U02", BenchBureau.CADRE);
        get(base + "/api/items?size=50&page=" + (i % 5), BenchBureau.CADRE);
        get(base + "/api/items?light=RED&size=50", BenchBureau.OFFICE);
      }
      return new Sample(start, jvm, Double.NaN, rssMb(process.pid()), Double.NaN, Double.NaN);
    } finally {
      stop(process);
    }
  }

  private static ProcessBuilder command(Launch launch, String variant, int port) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    // the JVM options duban is started with (the same for both variants)
    command.addAll(launch.jvm());
    command.add("-jar");
    command.add(launch.jar().toAbsolutePath().toString());
    if (Variant.DEFAULT.equals(variant)) {
      for (Map.Entry<String, Object> e : Variant.STARTER_DEFAULTS.entrySet()) {
        command.add("--" + e.getKey() + "=" + e.getValue());
      }
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PORT", String.valueOf(port));
    return builder;
  }

  private static void get(String url, String user) throws Exception {
    String auth = Base64.getEncoder().encodeToString((user + ":" + BenchBureau.PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + auth)
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** VmRSS of a process in MB. */
  static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /**
   * The embedded PostgreSQL's memory: the postmaster (found by its data directory on its command line) and its
   * backends, summed as PSS so that shared buffers count once.
   */
  static double postgresPssMb(String dataDirectory) throws IOException {
    Long postmaster = null;
    List<Long> all = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
          if (cmdline.contains("postgres") && cmdline.contains(dataDirectory)) {
            postmaster = Long.parseLong(p.getFileName().toString());
          }
          all.add(Long.parseLong(p.getFileName().toString()));
        } catch (IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    if (postmaster == null) {
      return Double.NaN;
    }
    double kb = pssKb(postmaster);
    for (long pid : all) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
          if (line.startsWith("PPid:") && Long.parseLong(line.replaceAll("[^0-9]", "")) == postmaster) {
            kb += pssKb(pid);
          }
        }
      } catch (IOException gone) {
        // the process ended meanwhile
      }
    }
    return kb / 1024.0;
  }

  private static double pssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
      if (line.startsWith("Pss:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
