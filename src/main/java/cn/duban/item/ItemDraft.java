package cn.duban.item;

import java.util.List;

/**
 * An item as the office describes it when issuing it (POST /api/items, the Tasklist start form, later a list row).
 * Everything arrives as text so that every mistake can be reported against its field.
 */
public record ItemDraft(String title, String requirement, String unitId, String assignee, List<String> coUnitIds,
                        String leaderId, String deadline, String reportingCycle, String listCode) {

  public ItemDraft {
    coUnitIds = coUnitIds == null ? List.of() : coUnitIds;
  }
}
