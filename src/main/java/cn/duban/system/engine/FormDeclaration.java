package cn.duban.system.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a Camunda Form (form-js schema, {@code forms/*.form}) lets a person submit, and the check of a
 * submission against them: only declared keys, each with the form's type, allowed values and length. Components
 * that only show something (text, html, image …) and fields marked {@code disabled} (form-js never submits them:
 * duban shows item facts that way) are not inputs. A {@code readonly} field is submitted by form-js with the value
 * it showed, so it is accepted only unchanged.
 * <p>
 * Whether a value is required is not checked here: form-js hides fields by conditions (FEEL) that the server does
 * not evaluate; the business rules of each task (e.g. {@code ItemTaskListener}) require what they need.
 */
public final class FormDeclaration {

  /** Longest text accepted in a field that declares no {@code maxLength}. */
  static final int DEFAULT_MAX_LENGTH = 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer", "separator", "button",
      "iframe", "table", "documentPreview");

  /** One input field of the form. */
  record Field(String key, String type, String label, Set<String> values, boolean readonly, Integer minLength,
               Integer maxLength, Pattern pattern, Double min, Double max) {

    String name() {
      return label == null || label.isBlank() ? "「" + key + "」" : "「" + label + "」（" + key + "）";
    }
  }

  private final String formName;
  private final Map<String, Field> fields;

  FormDeclaration(String formName, Map<String, Field> fields) {
    this.formName = formName;
    this.fields = Map.copyOf(fields);
  }

  /** A task or start event without any form: nothing may be submitted. */
  static FormDeclaration none(String formName) {
    return new FormDeclaration(formName, Map.of());
  }

  static FormDeclaration parse(String formName, InputStream schema) throws IOException {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(JSON.readTree(schema).path("components"), fields);
    return new FormDeclaration(formName, fields);
  }

  /** A generated task form ({@code camunda:formField}): its field ids, typed by the engine's form types. */
  static FormDeclaration ofGeneratedFields(String formName, Map<String, String> idToType) {
    Map<String, Field> fields = new LinkedHashMap<>();
    idToType.forEach((id, type) -> fields.put(id, new Field(id, switch (type == null ? "" : type) {
      case "boolean" -> "checkbox";
      case "long" -> "number";
      case "date" -> "datetime";
      default -> "textfield";
    }, null, null, false, null, null, null, null, null)));
    return new FormDeclaration(formName, fields);
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      if (DISPLAY_ONLY.contains(type)) {
        continue;
      }
      if (component.has("components") && !component.hasNonNull("path")) {
        // a group without a path: its fields are top-level fields of the form
        collect(component.path("components"), fields);
        continue;
      }
      String key = component.hasNonNull("key") ? component.get("key").asText()
          : component.hasNonNull("path") ? component.get("path").asText() : null;
      if (key == null || key.isBlank() || component.path("disabled").asBoolean(false)) {
        continue;
      }
      JsonNode validate = component.path("validate");
      Set<String> values = null;
      if (component.path("values").isArray() && !component.has("valuesKey")
          && !component.has("valuesExpression")) {
        values = new LinkedHashSet<>();
        for (JsonNode value : component.path("values")) {
          values.add(value.path("value").asText());
        }
      }
      fields.put(key, new Field(key, component.has("components") ? "object" : type,
          component.path("label").asText(null), values, component.path("readonly").asBoolean(false),
          intOrNull(validate, "minLength"), intOrNull(validate, "maxLength"), pattern(type, component),
          doubleOrNull(validate, "min"),
          doubleOrNull(validate, "max")));
    }
  }

  Set<String> keys() {
    return fields.keySet();
  }

  /**
   * Every problem of a submission, in Chinese, naming the field; empty when it may be accepted.
   *
   * @param current the value a field has now (for read-only fields), by key
   */
  List<String> problems(Map<String, ?> submitted, Function<String, Object> current) {
    List<String> problems = new ArrayList<>();
    if (submitted == null) {
      return problems;
    }
    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      Field field = fields.get(entry.getKey());
      Object value = plain(entry.getValue());
      if (field == null) {
        problems.add("「" + formName + "」中没有「" + entry.getKey() + "」这一项，不能提交它"
            + (fields.isEmpty() ? "（该表单没有可填写的字段）" : "（可提交的字段：" + String.join("、", fields.keySet()) + "）"));
        continue;
      }
      String shape = shapeProblem(field, entry.getValue());
      if (shape != null) {
        problems.add(field.name() + shape);
        continue;
      }
      if (field.readonly()) {
        if (!Objects.equals(String.valueOf(value), String.valueOf(plain(current.apply(field.key()))))) {
          problems.add(field.name() + "是只读项，不能修改");
        }
        continue;
      }
      String problem = value == null ? null : check(field, value);
      if (problem != null) {
        problems.add(field.name() + problem);
      }
    }
    return problems;
  }

  /** Lists travel as JSON values (a java.util list, nothing else); every other field as a plain value. */
  private static final Set<String> LIST_TYPES = Set.of("java.util.ArrayList", "java.util.LinkedList",
      "java.util.List");

  private static String shapeProblem(Field field, Object submitted) {
    if (!(submitted instanceof SerializableValue serialized)) {
      return null;
    }
    boolean list = Set.of("checklist", "taglist", "object").contains(field.type());
    String type = serialized instanceof ObjectValue object ? object.getObjectTypeName() : null;
    if (!list || (type != null && !LIST_TYPES.contains(type))) {
      return "的数据类型不对（" + (type == null ? serialized.getType().getName() : type) + "），请检查后重试";
    }
    return null;
  }

  private static String check(Field field, Object value) {
    return switch (field.type()) {
      case "textfield", "textarea", "datetime" -> value instanceof String text ? checkText(field, text)
          : field.type().equals("datetime") && value instanceof java.util.Date ? null : "应为文字";
      case "number" -> checkNumber(field, value);
      case "checkbox" -> value instanceof Boolean ? null : "应为“是”或“否”";
      case "radio", "select" -> value instanceof String text ? checkChoice(field, text) : "应为选项之一";
      case "checklist", "taglist" -> checkChoices(field, value);
      default -> value instanceof String text ? checkText(field, text) : null;
    };
  }

  private static String checkText(Field field, String text) {
    String control = controlCharacter(text);
    if (control != null) {
      return "含有不允许的控制字符（" + control + "），请删除后再提交";
    }
    int max = field.maxLength() == null ? DEFAULT_MAX_LENGTH : field.maxLength();
    if (text.length() > max) {
      return "不能超过 " + max + " 个字（现有 " + text.length() + " 个字）";
    }
    if (field.minLength() != null && !text.isEmpty() && text.length() < field.minLength()) {
      return "至少要有 " + field.minLength() + " 个字";
    }
    if (field.pattern() != null && !text.isEmpty() && !field.pattern().matcher(text).matches()) {
      return "格式不对";
    }
    return null;
  }

  private static String checkNumber(Field field, Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String s) {
      try {
        number = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return "应为数字";
      }
    } else {
      return "应为数字";
    }
    if (field.min() != null && number < field.min()) {
      return "不能小于 " + field.min();
    }
    if (field.max() != null && number > field.max()) {
      return "不能大于 " + field.max();
    }
    return null;
  }

  private static String checkChoice(Field field, String value) {
    if (field.values() != null && !value.isEmpty() && !field.values().contains(value)) {
      return "只能选择表单中给出的选项，「" + value + "」不在其中";
    }
    return checkText(field, value);
  }

  private static String checkChoices(Field field, Object value) {
    Collection<?> chosen;
    if (value instanceof Collection<?> c) {
      chosen = c;
    } else if (value instanceof String json) {
      try {
        JsonNode node = JSON.readTree(json);
        if (!node.isArray()) {
          return "应为多个选项的列表";
        }
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.isObject() ? n.path("value").asText() : n.asText()));
        chosen = list;
      } catch (IOException e) {
        return "应为多个选项的列表";
      }
    } else {
      return checkChoices(field, String.valueOf(value)); // a Spin JSON value: its JSON text
    }
    for (Object one : chosen) {
      String problem = one instanceof String s ? checkChoice(field, s) : "应为选项之一";
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** The first character a person cannot type and PostgreSQL may refuse (NUL), as U+XXXX; tab and line breaks are fine. */
  static String controlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return "U+%04X".formatted((int) c);
      }
    }
    return null;
  }

  /** A submitted value as plain Java: a JSON value not yet read is taken as its JSON text. */
  static Object plain(Object value) {
    if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
      return serialized.getValueSerialized();
    }
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static Integer intOrNull(JsonNode node, String name) {
    return node.hasNonNull(name) && node.get(name).canConvertToInt() ? node.get(name).asInt() : null;
  }

  private static Double doubleOrNull(JsonNode node, String name) {
    return node.hasNonNull(name) && node.get(name).isNumber() ? node.get(name).asDouble() : null;
  }

  /** What form-js submits for a date (yyyy-MM-dd), a time or both (ISO 8601). */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ][\\d:.]+(Z|[+-][\\d:]+)?)?|[\\d:]+");

  private static Pattern pattern(String type, JsonNode component) {
    JsonNode validate = component.path("validate");
    if ("datetime".equals(type) && !validate.hasNonNull("pattern")) {
      return "date".equals(component.path("subtype").asText()) ? DATE : DATE_TIME;
    }
    if (!validate.hasNonNull("pattern")) {
      return null;
    }
    try {
      return Pattern.compile(validate.get("pattern").asText());
    } catch (PatternSyntaxException e) {
      return null; // a JavaScript-only pattern: form-js checks it in the browser
    }
  }
}
