package cn.duban.item;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Expressions of the 协办 part of {@code duban-item.bpmn}: the co-units to run one instance for
 * ({@code ${itemCoUnits.of(execution)}}) and the person who signed for a co-unit's part
 * ({@code ${itemCoUnits.assignee(execution)}}), kept in the read model rather than in shared variables. Public
 * because the engine's expression language calls it from outside the package.
 */
@Component("itemCoUnits")
public class ItemCoUnits {

  private final CoUnitParts parts;
  private final ItemRepository items;

  ItemCoUnits(CoUnitParts parts, ItemRepository items) {
    this.parts = parts;
    this.items = items;
  }

  /** The item's co-units as the read model has them (issued, or changed by 改派). */
  public List<String> of(DelegateExecution execution) {
    return items.find(execution.getProcessBusinessKey()).map(ItemRow::coUnitIds).orElse(List.of());
  }

  public String assignee(DelegateExecution execution) {
    return parts.assignee(execution.getProcessBusinessKey(),
        (String) execution.getVariable(ItemProcess.Variables.CO_UNIT_ID));
  }
}
