package cn.duban.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies one real, running item process (every runtime and history row of it, and its {@code duban.item} row) many
 * times with {@code INSERT … SELECT … generate_series}, so that a set-up of 10,000 waiting items takes seconds instead
 * of starting 10,000 processes. Copy g rewrites every value that is an id of the template's rows (the UUID's node, its
 * last 12 characters, becomes "b" and g in hex, so lengths and uniqueness hold) and the item's code (to {@code codeSql}, an
 * SQL expression over g). The copies are real process instances to the engine: their jobs run, their tasks can be
 * worked. Templates with byte-array variables are refused (none of duban's item variables is one).
 */
final class InstanceCloner {

  /** Table → the template's rows in it ({@code src}; {@code :pi} is the template's process instance id). */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("act_ru_execution", "src.proc_inst_id_ = :pi");
    TABLES.put("act_ru_task", "src.proc_inst_id_ = :pi");
    TABLES.put("act_ru_variable", "src.proc_inst_id_ = :pi");
    TABLES.put("act_ru_job", "src.process_instance_id_ = :pi");
    TABLES.put("act_ru_event_subscr", "src.proc_inst_id_ = :pi");
    TABLES.put("act_ru_identitylink", "src.task_id_ in (select t.id_ from act_ru_task t where t.proc_inst_id_ = :pi)");
    TABLES.put("act_ru_authorization", "src.resource_id_ = :pi or src.resource_id_ in (select t.id_ from act_ru_task t "
        + "where t.proc_inst_id_ = :pi) or src.resource_id_ in (select h.id_ from act_hi_taskinst h where h.proc_inst_id_ = :pi)");
    TABLES.put("act_hi_procinst", "src.proc_inst_id_ = :pi");
    TABLES.put("act_hi_actinst", "src.proc_inst_id_ = :pi");
    TABLES.put("act_hi_taskinst", "src.proc_inst_id_ = :pi");
    TABLES.put("act_hi_varinst", "src.proc_inst_id_ = :pi");
    TABLES.put("act_hi_detail", "src.proc_inst_id_ = :pi");
    TABLES.put("act_hi_identitylink", "src.root_proc_inst_id_ = :pi");
    TABLES.put("act_hi_job_log", "src.process_instance_id_ = :pi");
    TABLES.put("act_hi_op_log", "src.proc_inst_id_ = :pi");
    TABLES.put("duban.item", "src.process_instance_id = :pi");
  }

  private InstanceCloner() {
  }

  /**
   * Makes copies {@code first} … {@code first + count - 1} of the template process instance {@code pi} whose item
   * code is {@code code}.
   */
  static void copy(JdbcTemplate jdbc, String pi, String code, int first, int count, String codeSql) {
    if (count <= 0) {
      return;
    }
    Integer byteArrays = jdbc.queryForObject("select (select count(*) from act_ru_variable where proc_inst_id_ = ? "
        + "and bytearray_id_ is not null) + (select count(*) from act_hi_detail where proc_inst_id_ = ? "
        + "and bytearray_id_ is not null)", Integer.class, pi, pi);
    if (byteArrays != null && byteArrays > 0) {
      throw new IllegalStateException("template " + pi + " has byte-array variables: cannot copy it");
    }
    List<String> ids = new ArrayList<>(List.of(pi));
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      if (!table.getKey().startsWith("duban.")) {
        ids.addAll(jdbc.queryForList("select src.id_ from " + table.getKey() + " src where " + where(table.getValue(), pi),
            String.class));
      }
    }
    String idArray = "array[" + String.join(",", ids.stream().map(InstanceCloner::quote).toList()) + "]::varchar[]";
    // ids are time-based UUIDs whose last 12 characters are the node: copies get node "b" + g, which no node has
    String newId = "left(src.%1$s, length(src.%1$s) - 12) || 'b' || lpad(to_hex(g), 11, '0')";
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      String[] name = table.getKey().contains(".") ? table.getKey().split("\\.") : new String[] {"public", table.getKey()};
      List<Map<String, Object>> columns = jdbc.queryForList("select column_name, data_type from information_schema.columns "
          + "where table_schema = ? and table_name = ? order by ordinal_position", name[0], name[1]);
      List<String> names = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Map<String, Object> column : columns) {
        String c = (String) column.get("column_name");
        String type = (String) column.get("data_type");
        names.add(c);
        if ("character varying".equals(type) || "text".equals(type)) {
          values.add("case when src." + c + " = any(" + idArray + ") then " + newId.formatted(c)
              + " when src." + c + " = " + quote(code) + " then " + codeSql + " else src." + c + " end");
        } else {
          values.add("src." + c);
        }
      }
      jdbc.update("insert into " + table.getKey() + " (" + String.join(", ", names) + ") select "
          + String.join(", ", values) + " from " + table.getKey() + " src cross join generate_series(" + first + ", "
          + (first + count - 1) + ") g where (" + where(table.getValue(), pi) + ")");
    }
  }

  private static String where(String condition, String pi) {
    return condition.replace(":pi", quote(pi));
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
