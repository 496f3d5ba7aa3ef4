package cn.duban.item;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expressions of the 协办 part of {@code duban-item.bpmn}: the co-units to run one instance for
 * ({@code ${itemCoUnits.of(execution)}}) and the person who signed for a co-unit's part
 * ({@code ${itemCoUnits.assignee(execution)}}), kept in the read model rather than in shared variables.
 */
@Component("itemCoUnits")
public class ItemCoUnits {

  private final CoUnitParts parts;

  ItemCoUnits(CoUnitParts parts) {
    this.parts = parts;
  }

  public List<String> of(DelegateExecution execution) {
    Object value = execution.getVariable(ItemProcess.Variables.CO_UNIT_IDS);
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public String assignee(DelegateExecution execution) {
    return parts.assignee((String) execution.getVariable(ItemProcess.Variables.ITEM_CODE),
        (String) execution.getVariable(ItemProcess.Variables.CO_UNIT_ID));
  }
}
