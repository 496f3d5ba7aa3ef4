package cn.duban.item;

import java.util.List;

/** GET /api/items/{code}: the item, its reports, co-unit parts, attachments, deadline changes, open tasks, timeline. */
public record ItemDetail(ItemView item, List<ProgressReport> progressReports, List<CoUnitPart> coUnitParts,
                         List<AttachmentInfo> attachments,
                         List<DeadlineChange> deadlineChanges, List<OpenTask> openTasks,
                         List<TimelineEvent> timeline) {

  /** A task the item waits at now. */
  public record OpenTask(String id, String key, String name, String assignee, String assigneeName,
                         List<String> candidateGroups, List<String> candidateGroupNames, java.util.Date due) {
  }
}
