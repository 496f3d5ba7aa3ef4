package cn.duban.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.item.TimelineKinds;
import cn.duban.system.excel.FormulaInjection;
import cn.duban.system.excel.PrintLayout;
import cn.duban.system.BureauClock;
import cn.duban.system.Digests;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * The audit search as a file, .xlsx or CSV (UTF-8 with BOM, so that Excel and WPS read Chinese), and its record in
 * the export log: who exported which filters when, how many rows, and the SHA-256 of exactly the bytes sent.
 */
@Service
public class AuditExport {

  /** The file and its record. */
  public record ExportedFile(long exportId, String fileName, String contentType, byte[] content, String sha256,
                             int rows) {
  }

  public enum Format {
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("csv", "text/csv; charset=UTF-8");

    final String extension;
    final String contentType;

    Format(String extension, String contentType) {
      this.extension = extension;
      this.contentType = contentType;
    }

    static Format parse(String value) {
      try {
        return valueOf(value == null ? "XLSX" : value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(new FieldProblem("format", value, "导出格式只能是 xlsx 或 csv"));
      }
    }
  }

  static final List<String> HEADERS = List.of("时间", "事项编号", "事项名称", "责任部门", "任务清单", "操作类型", "动作",
      "说明", "操作人", "操作人账号", "任务", "详情");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final AuditSearch search;
  private final AuditRepository repository;
  private final BureauClock clock;

  AuditExport(AuditSearch search, AuditRepository repository, BureauClock clock) {
    this.search = search;
    this.repository = repository;
    this.clock = clock;
  }

  @Transactional
  public ExportedFile export(AuditFilter filter, String format, DubanUser user) {
    Format chosen = Format.parse(format);
    List<AuditEntry> entries = search.all(filter, user);
    List<List<String>> rows = entries.stream().map(this::row).toList();
    byte[] content = chosen == Format.XLSX ? xlsx(rows) : csv(rows);
    String sha256 = Digests.sha256(content);
    String fileName = "审计记录-" + FILE_TIME.format(clock.now().atZone(clock.zone())) + "." + chosen.extension;
    String filters = filter.given().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
    long id = repository.insertExport(user.id(), clock.now(), chosen.name(), filters, rows.size(), fileName,
        content.length, sha256);
    return new ExportedFile(id, fileName, chosen.contentType, content, sha256, rows.size());
  }

  public List<AuditRepository.ExportRecord> exports() {
    return repository.exports(500);
  }

  private List<String> row(AuditEntry entry) {
    return List.of(entry.time() == null ? "" : TIME.format(entry.time().atZone(clock.zone())),
        text(entry.itemCode()), text(entry.itemTitle()), text(entry.unitName()), text(entry.listCode()),
        TimelineKinds.KINDS.getOrDefault(entry.kind(), entry.kind()),
        entry.action() == null ? "" : TimelineKinds.SEARCHABLE.getOrDefault(entry.action(), entry.action()),
        text(entry.label()),
        text(entry.actorName()), text(entry.actor()),
        text(entry.taskName()), entry.detailsText());
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  static byte[] xlsx(List<List<String>> rows) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      SXSSFSheet sheet = workbook.createSheet("审计记录");
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int c = 0; c < HEADERS.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(HEADERS.get(c));
        cell.setCellStyle(bold);
      }
      sheet.createFreezePane(0, 1);
      int[] widths = {20, 14, 30, 12, 14, 14, 14, 30, 10, 12, 12, 60};
      for (int c = 0; c < widths.length; c++) {
        sheet.setColumnWidth(c, widths[c] * 256);
      }
      int r = 1;
      for (List<String> values : rows) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < values.size(); c++) {
          row.createCell(c).setCellValue(FormulaInjection.neutraliseForExport(values.get(c)));
        }
      }
      PrintLayout.a4Landscape(sheet, "审计记录", null);
      workbook.write(out);
      workbook.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] csv(List<List<String>> rows) {
    StringBuilder text = new StringBuilder("\uFEFF");
    line(text, HEADERS);
    rows.forEach(values -> line(text, values));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder text, List<String> values) {
    for (int c = 0; c < values.size(); c++) {
      String value = FormulaInjection.neutraliseForExport(values.get(c));
      if (c > 0) {
        text.append(',');
      }
      if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        text.append('"').append(value.replace("\"", "\"\"")).append('"');
      } else {
        text.append(value);
      }
    }
    text.append("\r\n");
  }
}
