package cn.duban.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.duban.system.EmbeddedDatabaseConfiguration;

/**
 * How the queries grow with the bureau (issue #18): the query scenario ({@link QueryScenario}: Tasklist 本部门待办,
 * {@code /api/items}, the 督办台, the 考核 and the audit search) for duban's configuration on databases of
 * {@code bench.scalingSizes} open items (10,000, 100,000 and 300,000 by default), each with as many closed items and
 * ten historic task rows per open item ({@link BenchData}). Writes {@code scaling.md} (p50 and p95 per size) and
 * {@code scaling.png} (p95 against the number of open items, both axes logarithmic) to the output directory.
 * <p>
 * {@code ./mvnw -B -Pbench verify -Dbench.scenarios=scaling [-Dbench.scalingSizes=10000,100000,300000]}
 */
final class ScalingScenario {

  private ScalingScenario() {
  }

  static void run(EmbeddedPostgres postgres, Path out, int repetitions) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : System.getProperty("bench.scalingSizes", "10000,100000,300000").split(",")) {
      sizes.add(Integer.parseInt(size.strip()));
    }
    Map<Integer, Map<String, Stats>> results = new LinkedHashMap<>();
    for (int size : sizes) {
      String database = "bench_scale_" + size;
      sql(postgres, "drop database if exists " + database,
          EmbeddedDatabaseConfiguration.CREATE_DATABASE.formatted(database));
      long t0 = System.nanoTime();
      try (Variant duban = Variant.start(Variant.DUBAN, postgres.getJdbcUrl("postgres", database))) {
        BenchData.load(duban, size, size * 10);
        System.out.printf("BENCH scaling   %d open items loaded in %.0f s%n", size, (System.nanoTime() - t0) / 1e9);
        Map<String, Stats> stats = QueryScenario.run(duban, repetitions);
        stats.forEach((query, s) -> System.out.printf("BENCH scaling   %7d open  %-48s p50=%8.1f ms  p95=%8.1f ms%n",
            size, query, s.p50(), s.p95()));
        results.put(size, stats);
      }
      sql(postgres, "drop database if exists " + database + " with (force)");
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve("scaling.md"), table(results), StandardCharsets.UTF_8);
    chart(results, out.resolve("scaling.png"));
    System.out.println("BENCH scaling written to " + out.resolve("scaling.md").toAbsolutePath() + " and scaling.png");
  }

  private static void sql(EmbeddedPostgres postgres, String... statements) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** One row per query, p50 / p95 in milliseconds per size. */
  static String table(Map<Integer, Map<String, Stats>> results) {
    StringBuilder md = new StringBuilder("| query |");
    StringBuilder rule = new StringBuilder("|---|");
    results.keySet().forEach(size -> {
      md.append(" ").append(String.format("%,d", size)).append(" open: p50 / p95 (ms) |");
      rule.append("---|");
    });
    md.append("\n").append(rule).append("\n");
    for (String query : queries(results)) {
      md.append("| ").append(query).append(" |");
      for (Map<String, Stats> stats : results.values()) {
        Stats s = stats.get(query);
        md.append(s == null ? " refused: 查询范围过大 (> 5,000 items) |" : String.format(" %.1f / %.1f |", s.p50(), s.p95()));
      }
      md.append("\n");
    }
    return md.toString();
  }

  /** Every query measured at some size, in the scenario's order. */
  private static List<String> queries(Map<Integer, Map<String, Stats>> results) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    results.values().forEach(stats -> names.addAll(stats.keySet()));
    return new ArrayList<>(names);
  }

  /** p95 against open items, log–log, one line per query. */
  static void chart(Map<Integer, Map<String, Stats>> results, Path png) throws IOException {
    int width = 1100;
    int height = 640;
    int left = 80;
    int right = 430;
    int top = 50;
    int bottom = 70;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    List<Integer> sizes = new ArrayList<>(results.keySet());
    // x: the sizes with a margin; y: whole decades around every p95 (from 1 ms, at least up to 10 ms)
    double x0 = Math.log10(sizes.get(0)) - 0.1;
    double x1 = Math.log10(sizes.get(sizes.size() - 1)) + 0.1;
    double[] decades = results.values().stream().flatMap(stats -> stats.values().stream())
        .mapToDouble(s -> Math.log10(Math.max(s.p95(), 0.1))).toArray();
    double y0 = Math.min(0, Math.floor(java.util.Arrays.stream(decades).min().orElse(0)));
    double y1 = Math.max(1, Math.ceil(java.util.Arrays.stream(decades).max().orElse(1)));
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    java.util.function.DoubleUnaryOperator px = v -> left + (Math.log10(v) - x0) / (x1 - x0) * plotWidth;
    java.util.function.DoubleUnaryOperator py = v -> top + plotHeight
        - (Math.log10(Math.max(v, 0.1)) - y0) / (y1 - y0) * plotHeight;
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    g.setFont(font);
    g.setColor(new Color(0xDDDDDD));
    for (double e = y0; e <= y1; e++) {
      int y = (int) py.applyAsDouble(Math.pow(10, e));
      g.drawLine(left, y, left + plotWidth, y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, plotWidth, plotHeight);
    for (double e = y0; e <= y1; e++) {
      double value = Math.pow(10, e);
      String label = value < 1 ? String.valueOf(value) : String.format("%,.0f", value);
      g.drawString(label + " ms", 8, (int) py.applyAsDouble(value) + 5);
    }
    for (int size : sizes) {
      int x = (int) px.applyAsDouble(size);
      g.drawLine(x, top + plotHeight, x, top + plotHeight + 5);
      g.drawString(String.format("%,d", size), x - 25, top + plotHeight + 22);
    }
    g.drawString("open items (log scale); history grows with them", left + plotWidth / 2 - 150, height - 20);
    g.setFont(font.deriveFont(Font.BOLD, 16f));
    g.drawString("duban: p95 of each query against the bureau's size (log-log)", left, 30);
    g.setFont(font);
    Color[] colours = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22)};
    int legend = top + 10;
    int i = 0;
    for (String query : queries(results)) {
      Color colour = colours[i++ % colours.length];
      g.setColor(colour);
      g.setStroke(new BasicStroke(2.2f));
      int previousX = -1;
      int previousY = -1;
      for (int size : sizes) {
        Stats s = results.get(size).get(query);
        if (s == null) {
          continue; // refused at this size
        }
        int x = (int) px.applyAsDouble(size);
        int y = (int) py.applyAsDouble(s.p95());
        g.fillOval(x - 4, y - 4, 8, 8);
        if (previousX >= 0) {
          g.drawLine(previousX, previousY, x, y);
        }
        previousX = x;
        previousY = y;
      }
      g.fillRect(left + plotWidth + 20, legend - 9, 18, 10);
      g.setColor(Color.BLACK);
      g.drawString(query, left + plotWidth + 45, legend);
      legend += 22;
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }
}
