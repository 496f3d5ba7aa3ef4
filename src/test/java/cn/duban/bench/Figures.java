package cn.duban.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one run: each with duban's value, the default configuration's value, the ratio duban ÷ default and
 * the target. Printed one line per figure as they come, and written as JSON under {@code target/bench/}.
 */
final class Figures {

  /** How a figure compares with its target. */
  enum Target {
    /** duban ÷ default at least the value */
    RATIO_AT_LEAST,
    /** duban ÷ default at most the value */
    RATIO_AT_MOST,
    /** duban's own value at most the value */
    VALUE_AT_MOST,
    /** reported only */
    NONE
  }

  record Figure(String scenario, String name, String unit, double duban, double standard, double ratio,
                String target, Boolean met) {
  }

  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Object> context = new LinkedHashMap<>();

  void context(String key, Object value) {
    context.put(key, value);
  }

  /** A figure with both values; the ratio is duban ÷ default. */
  void add(String scenario, String name, String unit, double duban, double standard, Target target, double bound) {
    double ratio = standard == 0 ? Double.NaN : duban / standard;
    Boolean met = switch (target) {
      case RATIO_AT_LEAST -> ratio >= bound;
      case RATIO_AT_MOST -> ratio <= bound;
      case VALUE_AT_MOST -> duban <= bound;
      case NONE -> null;
    };
    String targetText = switch (target) {
      case RATIO_AT_LEAST -> "ratio >= " + bound;
      case RATIO_AT_MOST -> "ratio <= " + bound;
      case VALUE_AT_MOST -> "duban <= " + bound + " " + unit;
      case NONE -> "";
    };
    Figure figure = new Figure(scenario, name, unit, round(duban), round(standard), round(ratio), targetText, met);
    figures.add(figure);
    System.out.printf("BENCH %-11s %-48s duban=%10.2f %-6s default=%10.2f  ratio=%6.2f  %s%s%n", scenario, name,
        duban, unit, standard, ratio, targetText, met == null ? "" : met ? "  [met]" : "  [MISSED]");
  }

  /** A figure that has both values and a target of its own on duban's value besides the ratio. */
  void add(String scenario, String name, String unit, double duban, double standard, Target target, double bound,
           double absoluteBound) {
    add(scenario, name, unit, duban, standard, target, bound);
    add(scenario, name + " (absolute)", unit, duban, standard, Target.VALUE_AT_MOST, absoluteBound);
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("context", context);
    json.put("figures", figures);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("figures.json").toFile(), json);
    System.out.println("BENCH figures written to " + directory.resolve("figures.json").toAbsolutePath());
  }

  private static double round(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? value : Math.round(value * 1000) / 1000.0;
  }
}
