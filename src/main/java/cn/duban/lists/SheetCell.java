package cn.duban.lists;

import java.time.LocalDate;

/**
 * One cell of a list as read from the file. {@code text} is never null: a date cell reads as {@code 2026-12-31} and
 * also carries its {@code date}; a number reads without {@code .0}; a formula cell reads as its formula text
 * ({@code =TODAY()+30}, never evaluated) and is marked {@code formula}.
 */
public record SheetCell(String text, LocalDate date, boolean formula) {

  public static final SheetCell BLANK = new SheetCell("", null, false);

  public SheetCell {
    text = text == null ? "" : text;
  }

  public static SheetCell ofText(String text) {
    return new SheetCell(text, null, false);
  }

  public static SheetCell ofDate(LocalDate date) {
    return new SheetCell(date.toString(), date, false);
  }

  /** A formula cell, from the formula as stored in the file (without the leading {@code =}). */
  public static SheetCell ofFormula(String formula) {
    return new SheetCell("=" + formula, null, true);
  }

  public boolean isBlank() {
    return clean(text) == null;
  }

  /** The text without surrounding spaces, or null when there is nothing else. */
  public String trimmed() {
    return clean(text);
  }

  /**
   * Strips what people cannot see: spaces of every kind, including the full-width space and the no-break space that
   * copying from web pages leaves behind (which {@link String#strip()} keeps), and zero-width characters.
   */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    int start = 0;
    int end = value.length();
    while (start < end && invisible(value.charAt(start))) {
      start++;
    }
    while (end > start && invisible(value.charAt(end - 1))) {
      end--;
    }
    return start == end ? null : value.substring(start, end);
  }

  private static boolean invisible(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }
}
