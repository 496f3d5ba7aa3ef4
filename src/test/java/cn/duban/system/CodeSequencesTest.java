package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.support.Concurrently;
import cn.duban.support.DubanSpringTest;

/**
 * Codes from a sequence per prefix and year: created when a year's first code is asked for (inside a transaction,
 * which stays usable), continuing after the highest code already issued, distinct under concurrency. Years far in
 * the future keep these sequences apart from the codes other tests issue.
 */
@DubanSpringTest
class CodeSequencesTest {

  static final CodeSequences.Series ITEMS = new CodeSequences.Series("DB", 4, "duban.item");
  static final CodeSequences.Series LISTS = new CodeSequences.Series("QD", 3, "duban.task_list");

  @Autowired CodeSequences codes;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @AfterEach
  void dropTheTestYears() {
    jdbc.update("delete from duban.item where code like 'DB209_-%'");
    jdbc.update("delete from duban.code_counter where prefix like 'DB209_'");
    for (int year = 2090; year <= 2099; year++) {
      jdbc.execute("drop sequence if exists duban.code_db" + year);
      jdbc.execute("drop sequence if exists duban.code_qd" + year);
    }
  }

  @Test
  void codesKeepTheirFormatsAndAreWrittenInFullBeyondTheirWidth() {
    assertThat(ITEMS.format(2026, 1)).isEqualTo("DB2026-0001");
    assertThat(ITEMS.format(2026, 9999)).isEqualTo("DB2026-9999");
    assertThat(ITEMS.format(2026, 10000)).isEqualTo("DB2026-10000");
    assertThat(LISTS.format(2026, 7)).isEqualTo("QD2026-007");
    assertThat(LISTS.format(2026, 1000)).isEqualTo("QD2026-1000");
  }

  @Test
  void aNewYearsSequenceContinuesAfterTheOldCounterAndAfterCodesAlreadyIssued() {
    jdbc.update("insert into duban.code_counter (prefix, last_value) values ('DB2091', 41)");
    assertThat(codes.next(ITEMS, 2091)).isEqualTo("DB2091-0042");
    assertThat(codes.next(ITEMS, 2091)).isEqualTo("DB2091-0043");

    insertItem("DB2092-0100");
    insertItem("DB2092-0007");
    assertThat(codes.next(ITEMS, 2092)).isEqualTo("DB2092-0101");

    assertThat(codes.next(ITEMS, 2093)).isEqualTo("DB2093-0001");
    assertThat(codes.next(LISTS, 2093)).as("lists count on their own").isEqualTo("QD2093-001");
  }

  @Test
  void creatingASequenceInsideATransactionLeavesTheTransactionUsable() {
    String code = new TransactionTemplate(transactions).execute(status -> {
      String first = codes.next(ITEMS, 2094);
      // the transaction was not aborted: it reads and writes on
      insertItem(first);
      return first;
    });
    assertThat(code).isEqualTo("DB2094-0001");
    assertThat(jdbc.queryForObject("select count(*) from duban.item where code = ?", Long.class, code)).isEqualTo(1);
  }

  @Test
  void aCodeTakenByARolledBackTransactionIsNotUsedAgain() {
    var transaction = new TransactionTemplate(transactions);
    transaction.executeWithoutResult(status -> {
      codes.next(ITEMS, 2095);
      status.setRollbackOnly();
    });
    assertThat(codes.next(ITEMS, 2095)).as("a gap, never a duplicate").isEqualTo("DB2095-0002");
  }

  @Test
  void manyCallersAtOnceOnANewYearGetDistinctCodes() throws Exception {
    int callers = 12;
    Set<String> distinct = new HashSet<>(Concurrently.run(callers, n ->
        new TransactionTemplate(transactions).execute(status -> codes.next(ITEMS, 2096))));
    assertThat(distinct).hasSize(callers).allMatch(c -> c.matches("DB2096-00(0[1-9]|1[0-2])"));
  }

  private void insertItem(String code) {
    jdbc.update("insert into duban.item (code, title, unit_id, deadline, due_at, status, issued_at, updated_at) "
        + "values (?, '编号测试', 'JIAK', date '2099-12-31', now(), 'ISSUED', now(), now())", code);
  }
}
