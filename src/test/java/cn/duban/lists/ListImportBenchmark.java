package cn.duban.lists;

import static cn.duban.lists.ListFiles.row;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * Benchmark, not a test (its name keeps it out of {@code ./mvnw verify}): import of a large list, checking and
 * issuing every row, on the real (embedded) PostgreSQL. Run with
 * {@code ./mvnw -B test -Dtest=ListImportBenchmark [-Dbench.rows=2000]}; it prints the figures.
 */
@DubanSpringTest
class ListImportBenchmark {

  @Autowired ListImport imports;
  @Autowired Users users;

  @Test
  void importALargeList() {
    int rows = Integer.getInteger("bench.rows", 2000);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    List<List<Object>> sheet = new ArrayList<>();
    sheet.add(row("序号", "事项名称", "工作要求", "责任部门", "协办部门", "责任人", "分管领导", "完成时限", "反馈周期", "备注"));
    String[] work = {"落实税费优惠政策", "开展发票风险排查", "清理欠缴税款", "优化纳税服务", "整改巡察反馈问题"};
    for (int i = 1; i <= rows; i++) {
      sheet.add(row(String.valueOf(i), work[i % work.length] + "（第" + i + "项）", "按要求完成并报送情况",
          i % 2 == 0 ? "甲科" : "乙科", i % 10 == 0 ? (i % 2 == 0 ? UNIT_B : UNIT_A) : "", "", "",
          i % 3 == 0 ? (5 + i % 20) + "个工作日" : today.plusDays(10 + i % 60).toString(), "每月", ""));
    }
    byte[] xlsx = ListFiles.xlsx(sheet);

    long t0 = System.nanoTime();
    var dry = imports.importFile(xlsx, "benchmark.xlsx", new ListImport.Request("基准测试清单", null, null, true, false),
        users.get(OFFICE));
    long t1 = System.nanoTime();
    var issued = imports.importFile(xlsx, "benchmark.xlsx", new ListImport.Request("基准测试清单", null, null, false, false),
        users.get(OFFICE));
    long t2 = System.nanoTime();

    assertThat(dry.items()).hasSize(rows);
    assertThat(issued.itemCodes()).hasSize(rows);
    double check = (t1 - t0) / 1e9;
    double total = (t2 - t1) / 1e9;
    System.out.printf("%nBENCHMARK list import: rows=%d file=%.1f KB%n", rows, xlsx.length / 1024.0);
    System.out.printf("BENCHMARK check only (dryRun): %.2f s (%.0f rows/s)%n", check, rows / check);
    System.out.printf("BENCHMARK check + issue all items (one transaction): %.2f s (%.0f items/s)%n%n", total, rows / total);
  }
}
