package cn.duban.system.excel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormulaInjectionUnitTest {

  @ParameterizedTest(name = "[{0}] → [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "=HYPERLINK(\"http://example.com\",\"点我\")|'=HYPERLINK(\"http://example.com\",\"点我\")",
      "+86 0571 1234|'+86 0571 1234",
      "-2+3|'-2+3",
      "@SUM(A1:A9)|'@SUM(A1:A9)",
      "`\t=cmd`|`'\t=cmd`",
      "`\r=cmd`|`'\r=cmd`",
      "落实税费优惠政策|落实税费优惠政策",
      "2026-12-31|2026-12-31",
      "a=b|a=b",
      "'=已转义|'=已转义"})
  void prefixesWhatASpreadsheetWouldRunWithAQuoteOnExport(String value, String exported) {
    assertThat(FormulaInjection.neutraliseForExport(value)).isEqualTo(exported);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(quoteCharacter = '`', value = {"``", "` `"})
  void leavesEmptyValuesAlone(String value) {
    assertThat(FormulaInjection.neutraliseForExport(value)).isEqualTo(value);
    assertThat(FormulaInjection.neutraliseForExport(null)).isNull();
  }
}
