package cn.duban.system.web;

import java.util.Optional;

/**
 * The rule for text duban stores from people: no control characters except tab, line feed and carriage return.
 * PostgreSQL refuses NUL in text (a title with {@code \u0000} used to end as a 500), and the other control
 * characters are invisible on every page and in every export.
 */
public final class PlainText {

  private PlainText() {
  }

  public static boolean hasControlCharacters(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (isRefused(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The problem of a field whose text holds a control character, named by its Chinese {@code label}. */
  public static Optional<FieldProblem> problem(String field, String text, String label) {
    return hasControlCharacters(text)
        ? Optional.of(new FieldProblem(field, visible(text), label + "含有不可见的控制字符（如 NUL），请删除后重新提交"))
        : Optional.empty();
  }

  /** Refuses a text with control characters (422 naming the field); returns it unchanged otherwise. */
  public static String require(String field, String text, String label) {
    problem(field, text, label).ifPresent(p -> {
      throw new InvalidInputException(p);
    });
    return text;
  }

  /** The text with each refused character written as {@code \u0000}, so that a message can show where it is. */
  public static String visible(String text) {
    if (!hasControlCharacters(text)) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      shown.append(isRefused(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return shown.toString();
  }

  /** The same text without the refused characters. */
  public static String strip(String text) {
    if (!hasControlCharacters(text)) {
      return text;
    }
    StringBuilder kept = new StringBuilder(text.length());
    text.chars().filter(c -> !isRefused((char) c)).forEach(c -> kept.append((char) c));
    return kept.toString();
  }

  private static boolean isRefused(char c) {
    return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
  }
}
