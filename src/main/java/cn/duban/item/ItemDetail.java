package cn.duban.item;

import java.util.List;

/**
 * GET /api/items/{code}: the item, its reports, co-unit parts, attachments, deadline changes, open tasks, timeline;
 * and its reporting cycle: when the current period's report is due ({@code nextReportDue}, null when none is owed
 * now) and the periods that closed without one ({@code lateReports}, 反馈逾期).
 */
public record ItemDetail(ItemView item, List<ProgressReport> progressReports, List<CoUnitPart> coUnitParts,
                         List<AttachmentInfo> attachments,
                         List<DeadlineChange> deadlineChanges, List<OpenTask> openTasks,
                         List<TimelineEvent> timeline, java.time.Instant nextReportDue, List<LateReport> lateReports) {

  /** A task the item waits at now. */
  public record OpenTask(String id, String key, String name, String assignee, String assigneeName,
                         List<String> candidateGroups, List<String> candidateGroupNames, java.util.Date due) {
  }
}
