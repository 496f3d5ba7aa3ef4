package cn.duban.system.excel;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How duban's spreadsheets print (督办台账, 通报, audit exports): A4 landscape, as wide as the page, as long as needed,
 * the header row on every page, page numbers in the footer.
 */
public final class PrintLayout {

  private PrintLayout() {
  }

  /**
   * @param header the centre header, or null
   * @param footerNote added after "第 &P 页，共 &N 页", or null
   */
  public static void a4Landscape(Sheet sheet, String header, String footerNote) {
    sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setFitToPage(true);
    if (header != null) {
      sheet.getHeader().setCenter(header);
    }
    sheet.getFooter().setCenter("第 &P 页，共 &N 页" + (footerNote == null ? "" : "　" + footerNote));
  }
}
