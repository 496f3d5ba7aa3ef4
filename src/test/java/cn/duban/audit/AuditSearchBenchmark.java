package cn.duban.audit;

import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Decisions;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * Benchmark, not a test (its name keeps it out of {@code ./mvnw verify}): the audit search and its exports over many
 * items, each signed for and with a progress report, on the real (embedded) PostgreSQL. Run with
 * {@code ./mvnw -B test -Dtest=AuditSearchBenchmark [-Dbench.items=1000]}; it prints the figures.
 */
@DubanSpringTest
class AuditSearchBenchmark {

  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired AuditSearch search;
  @Autowired AuditExport export;
  @Autowired Users users;

  @Test
  void searchAndExportTheHistoryOfManyItems() {
    int count = Integer.getInteger("bench.items", 1000);
    String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String code = items.issue(new ItemDraft("审计基准事项 " + i, "按要求完成", UNIT_A, null, List.of(), null, deadline,
          null, null), users.get(OFFICE), false);
      tasks.complete(code, Elements.SIGN_FOR, users.get("alice"), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
      tasks.complete(code, Elements.HANDLE, users.get("alice"), Map.of(Variables.HANDLE_ACTION, Decisions.PROGRESS,
          Variables.PROGRESS_TEXT, "已完成第一阶段"));
      codes.add(code);
    }
    var auditor = users.get(AUDITOR);
    var filter = new AuditFilter(null, UNIT_A, null, null, null, null, null);

    search.page(filter, 0, 50, auditor); // warm-up
    long t0 = System.nanoTime();
    AuditPage page = search.page(filter, 0, 50, auditor);
    long t1 = System.nanoTime();
    var xlsx = export.export(filter, "xlsx", auditor);
    long t2 = System.nanoTime();
    var csv = export.export(filter, "csv", auditor);
    long t3 = System.nanoTime();
    var person = search.page(new AuditFilter("alice", UNIT_A, null, null, null, null, "PROGRESS"), 0, 50, auditor);
    long t4 = System.nanoTime();

    assertThat(page.total()).isGreaterThanOrEqualTo(count * 7L);
    assertThat(person.total()).isGreaterThanOrEqualTo(count);
    System.out.printf("%nBENCHMARK audit search: items=%d events=%d%n", count, page.total());
    System.out.printf("BENCHMARK search (unit, first page of 50): %.2f s%n", (t1 - t0) / 1e9);
    System.out.printf("BENCHMARK export xlsx: %.2f s, %d rows, %.0f KB%n", (t2 - t1) / 1e9, xlsx.rows(),
        xlsx.content().length / 1024.0);
    System.out.printf("BENCHMARK export csv: %.2f s, %d rows, %.0f KB%n", (t3 - t2) / 1e9, csv.rows(),
        csv.content().length / 1024.0);
    System.out.printf("BENCHMARK search (person + kind): %.2f s, %d events%n%n", (t4 - t3) / 1e9, person.total());
  }
}
