package cn.duban.lists;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.duban.item.CoUnitParts;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemView;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.excel.FormulaInjection;
import cn.duban.system.excel.PrintLayout;

/**
 * The 督办台账 of a list as .xlsx: the import's columns (so the file can be imported again) followed by status,
 * light, handler, the dates of 签收/办结/销号, extensions and overdue working days; printable on A4 landscape with a
 * frozen header and red/yellow/green rows. Every text cell is neutralised against formula injection.
 */
@Component
class ListExport {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int[] WIDTHS = {6, 36, 48, 14, 18, 10, 10, 12, 9, 20, 14, 12, 14, 10, 17, 17, 17, 9, 10, 16};

  private final ListService lists;
  private final JdbcTemplate jdbc;
  private final OrganisationService organisation;
  private final BureauClock clock;
  private final CoUnitParts coUnitParts;

  ListExport(ListService lists, JdbcTemplate jdbc, OrganisationService organisation, BureauClock clock,
             CoUnitParts coUnitParts) {
    this.coUnitParts = coUnitParts;
    this.lists = lists;
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.clock = clock;
  }

  byte[] xlsx(String code, DubanUser user) {
    ListSummary summary = lists.summary(code, user);
    Map<String, Map<String, Object>> extras = new java.util.HashMap<>();
    jdbc.queryForList("select code, list_row, remark from duban.item where list_code = ?", code)
        .forEach(r -> extras.put((String) r.get("code"), r));
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(ListFileReader.SHEET_NAME);
      Map<ItemLight, CellStyle> styles = styles(workbook);
      CellStyle header = headerStyle(workbook);
      ListColumn[] columns = ListColumn.values();
      Row head = sheet.createRow(0);
      head.setHeightInPoints(22);
      for (int c = 0; c < columns.length; c++) {
        var cell = head.createCell(c);
        cell.setCellValue(columns[c].label());
        cell.setCellStyle(header);
        sheet.setColumnWidth(c, WIDTHS[Math.min(c, WIDTHS.length - 1)] * 256);
      }
      int r = 1;
      for (ItemView item : summary.items()) {
        Map<String, Object> extra = extras.getOrDefault(item.code(), Map.of());
        Map<ListColumn, String> values = values(item, r, extra);
        Row row = sheet.createRow(r++);
        for (int c = 0; c < columns.length; c++) {
          var cell = row.createCell(c);
          cell.setCellValue(FormulaInjection.neutraliseForExport(values.getOrDefault(columns[c], "")));
          cell.setCellStyle(styles.get(item.light()));
        }
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns.length - 1));
      PrintLayout.a4Landscape(sheet, summary.list().name() + "（" + code + "）督办台账",
          "导出于 " + TIME.format(clock.now().atZone(clock.zone())));
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<ListColumn, String> values(ItemView item, int index, Map<String, Object> extra) {
    Map<ListColumn, String> v = new EnumMap<>(ListColumn.class);
    Object serial = extra.get("list_row");
    v.put(ListColumn.SERIAL, serial == null ? String.valueOf(index) : serial.toString());
    v.put(ListColumn.TITLE, item.title());
    v.put(ListColumn.REQUIREMENT, item.requirement());
    v.put(ListColumn.UNIT, item.unitName());
    v.put(ListColumn.CO_UNITS, String.join("、", item.coUnitIds().stream().map(organisation::unitName).toList()));
    v.put(ListColumn.ASSIGNEE, item.assigneeName());
    v.put(ListColumn.LEADER, item.leaderName());
    v.put(ListColumn.DEADLINE, item.deadline().toString());
    v.put(ListColumn.REPORTING_CYCLE, item.reportingCycleLabel());
    v.put(ListColumn.REMARK, extra.get("remark") == null ? null : extra.get("remark").toString());
    v.put(ListColumn.CODE, item.code());
    v.put(ListColumn.STATUS, item.statusLabel());
    v.put(ListColumn.LIGHT, item.lightLabel());
    v.put(ListColumn.HANDLER, item.assigneeName());
    v.put(ListColumn.SIGNED_FOR_AT, time(item.signedAt()));
    v.put(ListColumn.COMPLETED_AT, time(item.completedAt()));
    v.put(ListColumn.CLOSED_AT, time(item.closedAt()));
    v.put(ListColumn.EXTENSIONS, String.valueOf(item.extensionCount()));
    v.put(ListColumn.OVERDUE_WORKING_DAYS, String.valueOf(item.overdueWorkingDays()));
    v.put(ListColumn.CO_UNIT_PROGRESS, String.join("；", coUnitParts.of(item.code()).stream()
        .map(p -> p.unitName() + "：" + p.statusLabel()
            + (p.waiveReason() != null ? "（" + p.waiveReason() + "）" : p.report() != null ? "（" + p.report() + "）" : ""))
        .toList()));
    return v;
  }

  private String time(Instant instant) {
    return instant == null ? null : TIME.format(instant.atZone(clock.zone()));
  }

  private static CellStyle headerStyle(XSSFWorkbook workbook) {
    CellStyle style = bordered(workbook);
    Font font = workbook.createFont();
    font.setBold(true);
    style.setFont(font);
    style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    return style;
  }

  private static Map<ItemLight, CellStyle> styles(XSSFWorkbook workbook) {
    Map<ItemLight, CellStyle> styles = new EnumMap<>(ItemLight.class);
    Map<ItemLight, IndexedColors> fills = Map.of(ItemLight.RED, IndexedColors.ROSE, ItemLight.YELLOW,
        IndexedColors.LIGHT_YELLOW, ItemLight.GREEN, IndexedColors.LIGHT_GREEN, ItemLight.CLOSED_LATE,
        IndexedColors.TAN);
    for (ItemLight light : ItemLight.values()) {
      CellStyle style = bordered(workbook);
      style.setWrapText(true);
      style.setVerticalAlignment(VerticalAlignment.TOP);
      if (fills.containsKey(light)) {
        style.setFillForegroundColor(fills.get(light).getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      }
      styles.put(light, style);
    }
    return styles;
  }

  private static CellStyle bordered(XSSFWorkbook workbook) {
    CellStyle style = workbook.createCellStyle();
    style.setBorderTop(BorderStyle.THIN);
    style.setBorderBottom(BorderStyle.THIN);
    style.setBorderLeft(BorderStyle.THIN);
    style.setBorderRight(BorderStyle.THIN);
    return style;
  }
}
