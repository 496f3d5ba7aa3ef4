package cn.duban.system.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cmd.AbstractGetDeployedFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Serves a Camunda Form with the lists of choices of the moment ({@link FormOptions}): a select or tag list that names
 * {@code valuesKey: "unitOptions"} (or a {@code valuesExpression} over such a list) is handed to Tasklist with those
 * options as its values, so units, people, leaders and lists are picked by name, and a unit added in Camunda Admin
 * appears without a redeployment. Done on the served form rather than with form variables because Tasklist loads
 * no variables for a start form. The engine call guard reads the form the same way, so a submitted choice must be
 * one of the options of the moment.
 */
class FormOptionsInterceptor extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<List<FormOptions>> sources;

  FormOptionsInterceptor(Supplier<List<FormOptions>> sources) {
    this.sources = sources;
  }

  @Override
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (Context.getCommandContext() == null && result instanceof InputStream form
        && command instanceof AbstractGetDeployedFormCmd) {
      @SuppressWarnings("unchecked")
      T withOptions = (T) withOptions(form);
      return withOptions;
    }
    return result;
  }

  private InputStream withOptions(InputStream form) {
    try (form) {
      JsonNode schema = JSON.readTree(form);
      Map<String, FormOptions> byKey = sources.get().stream()
          .collect(Collectors.toMap(FormOptions::key, s -> s, (a, b) -> a));
      fill(schema.path("components"), byKey);
      return new ByteArrayInputStream(JSON.writeValueAsBytes(schema));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code =personOptions[list contains(units, unitId)]}: the options of the unit another field has chosen. */
  private static final Pattern BY_UNIT = Pattern.compile(
      "=\\s*(\\w+)\\[\\s*list contains\\(\\s*units\\s*,\\s*(\\w+)\\s*\\)\\s*]\\s*");

  private static void fill(JsonNode components, Map<String, FormOptions> byKey) {
    for (JsonNode component : components) {
      if (component instanceof ObjectNode field) {
        Matcher byUnit = field.hasNonNull("valuesExpression")
            ? BY_UNIT.matcher(field.get("valuesExpression").asText()) : null;
        if (byUnit != null && byUnit.matches() && byKey.containsKey(byUnit.group(1))) {
          // the form's data holds no list of people (Tasklist loads none for a start form): the lists of the
          // moment are written into the expression, one per unit, and all of them until a unit is chosen
          field.put("valuesExpression", perUnit(byKey.get(byUnit.group(1)).options(), byUnit.group(2)));
          fill(field.path("components"), byKey);
          continue;
        }
        FormOptions source = sourceOf(field, byKey);
        if (source != null) {
          ArrayNode values = field.putArray("values");
          for (FormOptions.Option option : source.options()) {
            values.addObject().put("label", option.label()).put("value", option.value());
          }
          field.remove("valuesKey");
          field.remove("valuesExpression");
        }
        fill(field.path("components"), byKey);
      }
    }
  }

  /** A FEEL expression: the options of the unit in field {@code unitField}, or all of them while it is empty. */
  static String perUnit(List<FormOptions.Option> options, String unitField) {
    Map<String, List<FormOptions.Option>> byUnit = new java.util.TreeMap<>();
    for (FormOptions.Option option : options) {
      option.units().forEach(unit -> byUnit.computeIfAbsent(unit, u -> new java.util.ArrayList<>()).add(option));
    }
    StringBuilder feel = new StringBuilder("=");
    byUnit.forEach((unit, inUnit) -> feel.append("if ").append(unitField).append(" = ").append(feelString(unit))
        .append(" then ").append(feelList(inUnit)).append(" else "));
    return feel.append(feelList(options)).toString();
  }

  private static String feelList(List<FormOptions.Option> options) {
    return options.stream().map(o -> "{label: " + feelString(o.label()) + ", value: " + feelString(o.value()) + "}")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String feelString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The options a field asks for: by {@code valuesKey}, or the list its {@code valuesExpression} filters. */
  private static FormOptions sourceOf(ObjectNode field, Map<String, FormOptions> byKey) {
    if (field.hasNonNull("valuesKey")) {
      return byKey.get(field.get("valuesKey").asText());
    }
    if (field.hasNonNull("valuesExpression")) {
      String expression = field.get("valuesExpression").asText();
      return byKey.values().stream().filter(s -> expression.matches("(?s).*\\b" + s.key() + "\\b.*")).findFirst()
          .orElse(null);
    }
    return null;
  }
}
