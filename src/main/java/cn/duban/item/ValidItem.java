package cn.duban.item;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An item that passed {@link ItemRules}: every field is known to be acceptable. */
public record ValidItem(String title, String requirement, String unitId, String assignee, List<String> coUnitIds,
                        String leaderId, LocalDate deadline, ReportingCycle reportingCycle, String listCode) {

  /** The item as process variables (the start of 交办 and the variables its registration settles). */
  Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ItemProcess.Variables.TITLE, title);
    variables.put(ItemProcess.Variables.REQUIREMENT, requirement);
    variables.put(ItemProcess.Variables.UNIT_ID, unitId);
    variables.put(ItemProcess.Variables.ASSIGNEE, assignee);
    variables.put(ItemProcess.Variables.CO_UNIT_IDS, String.join(",", coUnitIds));
    variables.put(ItemProcess.Variables.LEADER_ID, leaderId);
    variables.put(ItemProcess.Variables.DEADLINE, deadline.toString());
    variables.put(ItemProcess.Variables.REPORTING_CYCLE, reportingCycle == null ? null : reportingCycle.label());
    variables.put(ItemProcess.Variables.LIST_CODE, listCode);
    return variables;
  }
}
