package cn.duban.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.duban.lists.ListImport;
import cn.duban.system.security.DubanUser;

/** Scenario 4, import: an N-row xlsx 任务清单 checked (dry run), then checked and issued (every item started). */
final class ImportScenario {

  record Result(double checkSeconds, double issueSeconds) {
  }

  private ImportScenario() {
  }

  static byte[] sheet(int rows) {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String[] work = {"落实税费优惠政策", "开展发票风险排查", "清理欠缴税款", "优化纳税服务", "整改巡察反馈问题"};
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("任务清单");
      write(sheet.createRow(0), List.of("序号", "事项名称", "工作要求", "责任部门", "协办部门", "责任人", "分管领导", "完成时限",
          "反馈周期", "备注"));
      for (int i = 1; i <= rows; i++) {
        String unit = BenchBureau.unit(i);
        write(sheet.createRow(i), List.of(String.valueOf(i), work[i % work.length] + "（第" + i + "项）", "按要求完成并报送情况",
            "第" + (i % BenchBureau.UNITS + 1) + "科", i % 10 == 0 ? BenchBureau.unit(i + 1) : "",
            i % 4 == 0 ? BenchBureau.members(unit).get(1) : "", "",
            // deadlines from 2 months ahead: no ladder step falls due during the run
            i % 3 == 0 ? (45 + i % 20) + "个工作日" : today.plusDays(70 + i % 60).toString(), "每月", ""));
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Row row, List<String> cells) {
    for (int c = 0; c < cells.size(); c++) {
      row.createCell(c).setCellValue(cells.get(c));
    }
  }

  static Result run(Variant variant, byte[] xlsx, int rows) {
    ListImport imports = variant.bean(ListImport.class);
    DubanUser office = BenchItems.user(variant, BenchBureau.OFFICE);
    long t0 = System.nanoTime();
    var dry = imports.importFile(xlsx, "bench.xlsx", new ListImport.Request("基准测试清单", null, null, true, false), office);
    long t1 = System.nanoTime();
    var issued = imports.importFile(xlsx, "bench.xlsx", new ListImport.Request("基准测试清单", null, null, false, false),
        office);
    long t2 = System.nanoTime();
    if (dry.items().size() != rows || issued.itemCodes().size() != rows) {
      throw new IllegalStateException("import: " + dry.items().size() + " checked, " + issued.itemCodes().size()
          + " issued of " + rows);
    }
    return new Result((t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }
}
