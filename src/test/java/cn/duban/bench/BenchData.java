package cn.duban.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.item.ItemProcess.Elements;
import cn.duban.system.security.DubanUser;

/**
 * A whole bureau's work, made fast with bulk SQL (scenario 3's data set; every other scenario then runs on top of it).
 * <ul>
 *   <li>20 real items (one per unit, waiting at 签收) are started through the engine as templates;</li>
 *   <li>{@code open} copies of their runtime rows are inserted with {@code INSERT … SELECT … generate_series}: the
 *       process instance's execution, the 签收 task (due dates spread over six months), its candidate-group
 *       identity link, its authorization rows, and the item's row in {@code duban.item} — rows as the engine writes
 *       them, but the copies are for querying only (they have no variables, timers or history of their own);</li>
 *   <li>{@code historicTasks} completed rows in {@code ACT_HI_TASKINST} (ten tasks per closed item over ten years)
 *       and {@code historicTasks / 10} closed items in {@code duban.item}.</li>
 * </ul>
 * Both variants get the same rows; {@code ANALYZE} runs afterwards.
 */
final class BenchData {

  private BenchData() {
  }

  static void load(Variant variant, int open, int historicTasks) {
    long t0 = System.nanoTime();
    DubanUser office = BenchItems.user(variant, BenchBureau.OFFICE);
    List<String> templates = new ArrayList<>();
    for (int u = 0; u < BenchBureau.UNITS; u++) {
      templates.add(BenchItems.start(variant, office, "TPL-" + BenchBureau.unit(u), BenchBureau.unit(u), null,
          "2026-12-30"));
    }
    TaskService tasks = variant.bean(TaskService.class);
    List<String> templateTasks = templates.stream().map(pi -> {
      Task task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(Elements.SIGN_FOR).singleResult();
      return task.getId();
    }).toList();
    JdbcTemplate jdbc = variant.jdbc;
    String pis = array(templates);
    String taskIds = array(templateTasks);
    // due dates: from 30 days ago to 150 days ahead, so that every light occurs, and every unit has items due on every
    // day (the unit is g % 20, so the day is drawn from g / 20: drawn from g itself, each day would belong to one unit)
    String due = "(date_trunc('day', now()) + (((g / 20) * 7919) % 180 - 30) * interval '1 day' + interval '15 hours 59 minutes 59 seconds')";
    copy(jdbc, "public", "act_ru_execution", Map.of(
        "id_", "'bpi-' || g", "proc_inst_id_", "'bpi-' || g", "root_proc_inst_id_", "'bpi-' || g",
        "business_key_", "'BO-' || lpad(g::text, 7, '0')", "parent_id_", "null", "super_exec_", "null",
        "super_case_exec_", "null", "case_inst_id_", "null"),
        pick(open, "act_ru_execution", "id_", pis));
    copy(jdbc, "public", "act_ru_task", Map.of(
        "id_", "'bt-' || g", "execution_id_", "'bpi-' || g", "proc_inst_id_", "'bpi-' || g",
        "due_date_", due, "create_time_", due.replace("+ (((g", "- interval '60 days' + (((g")),
        pick(open, "act_ru_task", "id_", taskIds));
    copy(jdbc, "public", "act_ru_identitylink", Map.of("id_", "'bil-' || g || '-' || src.id_", "task_id_", "'bt-' || g"),
        pick(open, "act_ru_identitylink", "task_id_", taskIds));
    copy(jdbc, "public", "act_ru_authorization", Map.of("id_", "'bau-' || g || '-' || src.id_",
        "resource_id_", "'bt-' || g", "root_proc_inst_id_", "'bpi-' || g"),
        pick(open, "act_ru_authorization", "resource_id_", taskIds));
    copy(jdbc, "duban", "item", Map.of("code", "'BO-' || lpad(g::text, 7, '0')", "process_instance_id", "'bpi-' || g",
        "due_at", due, "deadline", "(" + due + ")::date", "issued_at", due + " - interval '60 days'",
        "status", "case when g % 3 = 0 then 'ISSUED' else 'IN_PROGRESS' end",
        "assignee", "case when g % 3 = 0 then null else lower(src.unit_id) || case when g % 2 = 0 then 'b' else 'c' end end"),
        pick(open, "duban.item", "process_instance_id", pis));
    int closed = historicTasks / 10;
    String closedDue = "(now() - ((g::bigint * 7919) % 3650 + 30) * interval '1 day')";
    copy(jdbc, "duban", "item", Map.of("code", "'BC-' || lpad(g::text, 7, '0')", "process_instance_id", "null",
        "due_at", closedDue, "deadline", "(" + closedDue + ")::date", "status", "'CLOSED'",
        // issued two months before the deadline: ten years of items are not all issued in the current quarter
        "issued_at", closedDue + " - interval '60 days'",
        "closed_at", closedDue + " - case when g % 10 = 0 then interval '-3 days' else interval '2 days' end",
        "assignee", "lower(src.unit_id) || 'b'"),
        pick(closed, "duban.item", "process_instance_id", pis));
    String ended = "(now() - ((g::bigint / 10 * 7919) % 3650 + 30) * interval '1 day')";
    copy(jdbc, "public", "act_hi_taskinst", Map.of("id_", "'bht-' || g", "proc_inst_id_", "'bhpi-' || (g / 10)",
        "root_proc_inst_id_", "'bhpi-' || (g / 10)", "execution_id_", "'bhpi-' || (g / 10)",
        "start_time_", ended + " - interval '3 days'", "end_time_", ended, "duration_", "259200000",
        "delete_reason_", "'completed'", "assignee_", "'u' || lpad((g % 20 + 1)::text, 2, '0') || 'b'", "due_date_", ended),
        pick(historicTasks, "act_hi_taskinst", "id_", taskIds));
    for (String table : List.of("act_ru_execution", "act_ru_task", "act_ru_identitylink", "act_ru_authorization",
        "act_hi_taskinst", "duban.item")) {
      // as autovacuum leaves a table at rest: statistics, and the visibility map that index-only scans rely on
      jdbc.execute("vacuum analyze " + table);
    }
    System.out.printf("BENCH set-up  %s: %d open items, %d closed items, %d historic task rows in %.1f s%n",
        variant.name, open, closed, historicTasks, (System.nanoTime() - t0) / 1e9);
  }

  /** Row g (1 … count) copies the template of unit g % 20 from {@code table}, matched on {@code column}. */
  private static String pick(int count, String table, String column, String templateIds) {
    return " from generate_series(1, " + count + ") g join " + table + " src on src." + column + " = ("
        + templateIds + "::varchar[])[g % 20 + 1]";
  }

  /** Copies the template rows chosen by {@code from} into the same table, with some columns replaced. */
  private static void copy(JdbcTemplate jdbc, String schema, String table, Map<String, String> replaced, String from) {
    List<String> columns = jdbc.queryForList("select column_name from information_schema.columns "
        + "where table_schema = ? and table_name = ? order by ordinal_position", String.class, schema, table);
    String target = "duban".equals(schema) ? "duban." + table : table;
    String values = columns.stream().map(c -> replaced.getOrDefault(c, "src." + c)).collect(Collectors.joining(", "));
    int rows = jdbc.update("insert into " + target + " (" + String.join(", ", columns) + ") select " + values + from);
    if (rows == 0) {
      throw new IllegalStateException("no template rows for " + table);
    }
  }

  private static String array(List<String> ids) {
    return "array[" + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + "]";
  }
}
