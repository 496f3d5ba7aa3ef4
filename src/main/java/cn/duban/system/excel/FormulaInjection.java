package cn.duban.system.excel;

/**
 * Spreadsheet formula injection ("CSV injection"): text that a spreadsheet would run as a formula when the file is
 * opened. Import keeps such text verbatim (it is never evaluated here); export must defuse it.
 */
public final class FormulaInjection {

  private FormulaInjection() {
  }

  /** Text a spreadsheet may take for a formula: starts with {@code = + - @}, a tab or a carriage return. */
  public static boolean looksLikeFormula(String value) {
    return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
  }

  /**
   * The value to write into an exported cell: text a spreadsheet could run gets a leading {@code '} so that it shows
   * as text (OWASP's advice); anything else, null included, is returned unchanged.
   */
  public static String neutraliseForExport(String value) {
    return looksLikeFormula(value) ? "'" + value : value;
  }
}
