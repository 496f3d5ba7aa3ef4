package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Service;

import cn.duban.calendar.CalendarService;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.DubanProperties;
import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.web.NotFoundException;

/**
 * Reading items: pages of the list, one item with its history, lights; who-sees-what checked here, on the server,
 * for every call. Writes nothing (changing items is {@link ItemService} and the process).
 */
@Service
public class ItemQueries {

  private final ItemRepository items;
  private final OrganisationService organisation;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final ItemTimeline timeline;
  private final AttachmentService attachments;
  private final BureauClock clock;
  private final int yellowDays;
  private final CalendarService calendar;
  private final CoUnitParts coUnitParts;
  private final LateReports lateReports;

  ItemQueries(ItemRepository items, OrganisationService organisation, RuntimeService runtimeService,
              TaskService taskService, IdentityService identityService, ItemTimeline timeline,
              AttachmentService attachments, BureauClock clock, DubanProperties properties, CalendarService calendar,
              CoUnitParts coUnitParts, LateReports lateReports) {
    this.items = items;
    this.organisation = organisation;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.timeline = timeline;
    this.attachments = attachments;
    this.clock = clock;
    this.yellowDays = properties.light().yellowDays();
    this.calendar = calendar;
    this.coUnitParts = coUnitParts;
    this.lateReports = lateReports;
  }

  public ItemPage list(ItemFilter filter, DubanUser user) {
    return list(filter, ItemScope.of(user));
  }

  /** A page of the items in {@code scope} (the caller has decided the scope for the signed-in person). */
  public ItemPage list(ItemFilter filter, ItemScope scope) {
    Instant now = clock.now();
    Instant yellowFrom = yellowFrom(now);
    List<ItemView> views = items.page(filter, scope, now, yellowFrom).stream()
        .map(row -> view(row, now, yellowFrom)).toList();
    return new ItemPage(views, filter.page(), filter.size(), items.count(filter, scope, now, yellowFrom));
  }

  public ItemDetail detail(String code, DubanUser user) {
    ItemRow row = visible(code, user);
    Instant now = clock.now();
    List<ProgressReport> reports = items.reports(code).stream()
        .map(r -> r.withAuthorName(organisation.personName(r.author()))).toList();
    return new ItemDetail(view(row, now, yellowFrom(now)), reports, coUnitParts.of(code), attachments.list(code),
        items.deadlineChanges(code), openTasks(row), timeline.of(row.processInstanceId()), nextReportDue(row),
        lateReports.of(code).stream().map(l -> l.withUnitName(organisation.unitName(l.unitId()))).toList());
  }

  /** The due time of the period the reporting cycle waits for now (as its timer has it), null when none runs. */
  private Instant nextReportDue(ItemRow row) {
    if (row.processInstanceId() == null || row.status() == ItemStatus.CLOSED) {
      return null;
    }
    return EngineSystemContext.call(identityService, () -> runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(row.processInstanceId()).variableName(ItemProcess.Variables.REPORT_DUE_AT).list()
        .stream().map(v -> v.getValue()).filter(java.util.Date.class::isInstance)
        .map(v -> ((java.util.Date) v).toInstant()).findFirst().orElse(null));
  }

  /** The item if the user may see it; otherwise 404, so that codes cannot be probed. */
  public ItemRow visible(String code, DubanUser user) {
    ItemRow row = items.find(code).orElseThrow(() -> new NotFoundException("事项「" + code + "」不存在或您无权查看。"));
    if (!canSee(row, user)) {
      throw new NotFoundException("事项「" + code + "」不存在或您无权查看。");
    }
    return row;
  }

  static boolean canSee(ItemRow row, DubanUser user) {
    return user.seesAllUnits()
        || user.isMemberOf(row.unitId())
        || row.coUnitIds().stream().anyMatch(user::isMemberOf)
        || user.id().equals(row.assignee())
        || user.id().equals(row.leaderId());
  }

  public ItemView view(ItemRow row) {
    Instant now = clock.now();
    return view(row, now, yellowFrom(now));
  }

  private ItemView view(ItemRow row, Instant now, Instant yellowFrom) {
    ItemLight light = ItemLight.of(row.status(), row.dueAt(), row.closedAt(), now, yellowFrom, row.escalationLevel());
    ReportingCycle cycle = ReportingCycle.parse(row.reportingCycle()).orElse(null);
    // 待销号 and overdue: the office holds the ball, the assignee is not chased
    String lightLabel = light == ItemLight.RED && row.status() == ItemStatus.PENDING_SIGNOFF
        ? "红灯：已逾期（待销号，督查室审核中）" : light.label();
    LocalDate until = row.status() == ItemStatus.CLOSED && row.closedAt() != null
        ? LocalDate.ofInstant(row.closedAt(), clock.zone()) : LocalDate.ofInstant(now, clock.zone());
    int overdueWorkingDays = Math.max(0, calendar.workingDaysBetween(row.deadline(), until));
    return new ItemView(row.code(), row.listCode(), row.title(), row.requirement(), row.unitId(),
        organisation.unitName(row.unitId()), row.coUnitIds(), row.assignee(), organisation.personName(row.assignee()),
        row.leaderId(), organisation.personName(row.leaderId()), row.deadline(), row.dueAt(),
        cycle == null ? null : cycle.name(), cycle == null ? null : cycle.label(), row.status(),
        row.status().label(), light, lightLabel, light == ItemLight.RED, row.issuedBy(), row.issuedAt(),
        row.signedAt(), row.completedAt(), row.closedAt(), row.extensionCount(), row.returnCount(),
        row.processInstanceId(), row.escalationLevel(), row.escalationLevel().label(), overdueWorkingDays,
        row.bulletinAt() != null, row.qualityRating(),
        row.qualityRating() == null ? null : row.qualityRating().label(), row.qualityRemark());
  }

  /** How many open items have each light now, bureau-wide (for operators: /actuator/prometheus). */
  public Map<ItemLight, Long> openByLight() {
    Instant now = clock.now();
    long[] counts = items.openByLight(now, yellowFrom(now));
    return Map.of(ItemLight.RED, counts[0], ItemLight.YELLOW, counts[1], ItemLight.GREEN, counts[2]);
  }

  /**
   * An open item is yellow from the Nth working day before its deadline ({@code duban.light.yellow-days}, 3 by
   * default): its deadline is at most N working days away. Returns the first due instant that is still green.
   */
  public Instant yellowFrom(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, clock.zone());
    return clock.endOfDay(calendar.addWorkingDays(today, yellowDays)).plusSeconds(1);
  }

  private List<ItemDetail.OpenTask> openTasks(ItemRow row) {
    if (row.processInstanceId() == null || !row.status().isOpen()) {
      return List.of();
    }
    return EngineSystemContext.call(identityService, () -> taskService.createTaskQuery()
        .processInstanceId(row.processInstanceId()).list().stream()
        .map(t -> {
          List<String> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
              .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
              .map(l -> l.getGroupId()).toList();
          return new ItemDetail.OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
              organisation.personName(t.getAssignee()), groups, groups.stream().map(organisation::groupName).toList(),
              t.getDueDate());
        })
        .toList());
  }
}
