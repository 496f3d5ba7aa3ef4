package cn.duban.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.duban.assessment.Assessment.Score;
import cn.duban.system.excel.FormulaInjection;
import cn.duban.system.excel.PrintLayout;

/**
 * The 考核 as .xlsx: a sheet of units and one of people (rank, score and every figure it came from), and the rules
 * applied; each sheet A4 landscape, fitted to the page's width, its header row repeated (the shared print layout).
 */
final class AssessmentWorkbook {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private AssessmentWorkbook() {
  }

  static String title(Assessment a) {
    return a.period().label() + "督办考核";
  }

  static byte[] xlsx(Assessment a, ZoneId zone) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle plain = workbook.createCellStyle();
      plain.setBorderTop(BorderStyle.THIN);
      plain.setBorderBottom(BorderStyle.THIN);
      plain.setBorderLeft(BorderStyle.THIN);
      plain.setBorderRight(BorderStyle.THIN);
      plain.setWrapText(true);
      CellStyle bold = workbook.createCellStyle();
      bold.cloneStyleFrom(plain);
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      String note = "统计期间 " + a.period().from() + " 至 " + a.period().to() + "，截至 "
          + TIME.format(a.asOf().atZone(zone)) + "，第 " + a.rules().version() + " 版考核规则"
          + (a.listCode() == null ? "" : "，清单 " + a.listCode());
      scores(workbook.createSheet("部门"), "责任部门", false, a.units(), title(a) + "（部门）", note, plain, bold);
      scores(workbook.createSheet("人员"), "姓名", true, a.people(), title(a) + "（人员）", note, plain, bold);
      Sheet rules = workbook.createSheet("考核规则");
      List<List<Object>> rows = new ArrayList<>();
      rows.add(List.of("规则（第 " + a.rules().version() + " 版，" + a.rules().validFrom() + " 起）", "分值"));
      a.rules().values().forEach((field, value) -> rows.add(List.of(field.label(), value.doubleValue())));
      write(rules, rows, plain, bold);
      rules.setColumnWidth(0, 40 * 256);
      PrintLayout.a4Landscape(rules, title(a) + "（规则）", null);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void scores(Sheet sheet, String who, boolean people, List<Score> scores, String header,
                             String note, CellStyle plain, CellStyle bold) {
    List<Object> head = new ArrayList<>(List.of("名次", who));
    if (people) {
      head.add("所在部门");
    }
    head.add("得分");
    for (Figure f : Figure.values()) {
      head.add(f.label());
    }
    List<List<Object>> rows = new ArrayList<>();
    rows.add(head);
    for (Score s : scores) {
      List<Object> row = new ArrayList<>(List.of(s.rank(), s.name() == null ? s.id() : s.name()));
      if (people) {
        row.add(s.unitName() == null ? "" : s.unitName());
      }
      row.add(s.score().doubleValue());
      for (Figure f : Figure.values()) {
        row.add(s.figures().get(f).count());
      }
      rows.add(row);
    }
    int r = write(sheet, rows, plain, bold);
    sheet.createRow(r + 1).createCell(0).setCellValue(note);
    sheet.setColumnWidth(1, 14 * 256);
    PrintLayout.a4Landscape(sheet, header, null);
  }

  /** Writes rows from the first; the first row bold (the header); text defused against formula injection. */
  private static int write(Sheet sheet, List<List<Object>> rows, CellStyle plain, CellStyle bold) {
    int r = 0;
    for (List<Object> values : rows) {
      Row row = sheet.createRow(r);
      for (int c = 0; c < values.size(); c++) {
        Cell cell = row.createCell(c);
        Object v = values.get(c);
        if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
        } else {
          cell.setCellValue(FormulaInjection.neutraliseForExport(String.valueOf(v)));
        }
        cell.setCellStyle(r == 0 ? bold : plain);
      }
      r++;
    }
    return r;
  }
}
