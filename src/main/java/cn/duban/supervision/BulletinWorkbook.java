package cn.duban.supervision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.duban.system.excel.FormulaInjection;
import cn.duban.system.excel.PrintLayout;
import cn.duban.supervision.Figures.Bulletin;
import cn.duban.supervision.Figures.BulletinUnit;
import cn.duban.supervision.Figures.ItemLine;

/** The 通报 as .xlsx: the per-unit table with its total, then the items marked for 通报; A4 landscape. */
final class BulletinWorkbook {

  static final List<String> UNIT_COLUMNS = List.of("序号", "责任部门", "交办", "按期销号", "逾期销号", "按期销号率",
      "逾期未销号", "延期");
  static final List<String> ITEM_COLUMNS = List.of("序号", "事项编号", "事项名称", "责任部门", "承办人", "完成时限",
      "状态", "逾期工作日", "升级情况");
  private static final int[] WIDTHS = {6, 16, 40, 14, 10, 12, 12, 10, 12};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private BulletinWorkbook() {
  }

  static String title(Bulletin bulletin) {
    return bulletin.period().label() + "任务清单落实情况通报";
  }

  static byte[] xlsx(Bulletin bulletin, ZoneId zone) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("通报");
      CellStyle cell = bordered(workbook);
      CellStyle head = bordered(workbook);
      Font bold = workbook.createFont();
      bold.setBold(true);
      head.setFont(bold);
      head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      CellStyle titleStyle = workbook.createCellStyle();
      Font big = workbook.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 16);
      titleStyle.setFont(big);
      titleStyle.setAlignment(HorizontalAlignment.CENTER);
      for (int c = 0; c < WIDTHS.length; c++) {
        sheet.setColumnWidth(c, WIDTHS[c] * 256);
      }

      int r = 0;
      Row title = sheet.createRow(r++);
      title.setHeightInPoints(28);
      title.createCell(0).setCellValue(title(bulletin));
      title.getCell(0).setCellStyle(titleStyle);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, ITEM_COLUMNS.size() - 1));
      sheet.createRow(r++).createCell(0).setCellValue("统计期间：" + bulletin.period().from() + " 至 "
          + bulletin.period().to() + "　统计截至：" + TIME.format(bulletin.asOf().atZone(zone)) + "　范围："
          + bulletin.scope() + (bulletin.listCode() == null ? "" : "　清单：" + bulletin.listCode()));
      r++;

      r = header(sheet, r, UNIT_COLUMNS, head);
      int n = 1;
      for (BulletinUnit u : bulletin.units()) {
        r = unitRow(sheet, r, String.valueOf(n++), u, cell);
      }
      r = unitRow(sheet, r, "", bulletin.total(), head);
      r++;

      sheet.createRow(r++).createCell(0).setCellValue("列入通报的事项（" + bulletin.items().size() + " 项）");
      r = header(sheet, r, ITEM_COLUMNS, head);
      n = 1;
      for (ItemLine item : bulletin.items()) {
        Row row = sheet.createRow(r++);
        number(row, 0, n++, cell);
        text(row, 1, item.code(), cell);
        text(row, 2, item.title(), cell);
        text(row, 3, item.unitName(), cell);
        text(row, 4, item.assigneeName(), cell);
        text(row, 5, item.deadline().toString(), cell);
        text(row, 6, item.statusLabel(), cell);
        number(row, 7, item.overdueWorkingDays(), cell);
        text(row, 8, item.escalationLabel(), cell);
      }
      if (bulletin.items().isEmpty()) {
        sheet.createRow(r).createCell(0).setCellValue("本期无列入通报的事项。");
      }

      PrintLayout.a4Landscape(sheet, null, null);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int header(Sheet sheet, int r, List<String> columns, CellStyle style) {
    Row row = sheet.createRow(r);
    for (int c = 0; c < columns.size(); c++) {
      text(row, c, columns.get(c), style);
    }
    return r + 1;
  }

  private static int unitRow(Sheet sheet, int r, String serial, BulletinUnit u, CellStyle style) {
    Row row = sheet.createRow(r);
    text(row, 0, serial, style);
    text(row, 1, u.unitName(), style);
    number(row, 2, u.issued(), style);
    number(row, 3, u.closedOnTime(), style);
    number(row, 4, u.closedLate(), style);
    text(row, 5, u.onTimeRate() == null ? "—" : u.onTimeRate() + "%", style);
    number(row, 6, u.openOverdue(), style);
    number(row, 7, u.extensions(), style);
    return r + 1;
  }

  private static void text(Row row, int c, String value, CellStyle style) {
    var cell = row.createCell(c);
    cell.setCellValue(value == null ? "" : FormulaInjection.neutraliseForExport(value));
    cell.setCellStyle(style);
  }

  private static void number(Row row, int c, long value, CellStyle style) {
    var cell = row.createCell(c);
    cell.setCellValue(value);
    cell.setCellStyle(style);
  }

  private static CellStyle bordered(XSSFWorkbook workbook) {
    CellStyle style = workbook.createCellStyle();
    style.setBorderTop(BorderStyle.THIN);
    style.setBorderBottom(BorderStyle.THIN);
    style.setBorderLeft(BorderStyle.THIN);
    style.setBorderRight(BorderStyle.THIN);
    style.setWrapText(true);
    return style;
  }
}
