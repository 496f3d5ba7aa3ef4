package cn.duban.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.duban.item.ItemTimeline;
import cn.duban.item.TimelineEvent;
import cn.duban.item.TimelineKinds;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.InvalidInputException;

/**
 * 审计查询: every event of the items' timelines (and the engine's operations outside items) matching a person, a
 * unit, an item, a list, a period and a kind of action. Auditors, the office, leaders and admins search everything;
 * a unit head searches the items of the units they head (lead or co-unit); other cadres may not search.
 */
@Service
public class AuditSearch {

  /** More items than this in one search: the filters must be narrowed (each item's history is read in full). */
  static final int MAX_ITEMS = 5_000;
  /** More events than this cannot be exported in one file. */
  static final int MAX_ROWS = 100_000;

  /** An event found, with the row shown for it. */
  private record Hit(TimelineEvent event, AuditEntry entry) {
  }

  private static final Comparator<Hit> NEWEST_FIRST = Comparator.comparing(Hit::event, ItemTimeline.ORDER.reversed());

  private final AuditRepository repository;
  private final ItemTimeline timeline;
  private final OrganisationService organisation;
  private final BureauClock clock;

  AuditSearch(AuditRepository repository, ItemTimeline timeline, OrganisationService organisation, BureauClock clock) {
    this.repository = repository;
    this.timeline = timeline;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** Whether the user may use the audit search at all. */
  public boolean maySearch(DubanUser user) {
    return user.seesAllUnits() || !repository.unitsHeadedBy(user.id()).isEmpty();
  }

  public AuditPage page(AuditFilter filter, int page, int size, DubanUser user) {
    List<AuditEntry> all = all(filter, user);
    int from = Math.min(all.size(), page * size);
    return new AuditPage(List.copyOf(all.subList(from, Math.min(all.size(), from + size))), page, size, all.size());
  }

  /** Every matching event, newest first. */
  public List<AuditEntry> all(AuditFilter filter, DubanUser user) {
    List<String> scope = scope(user);
    check(filter);
    Instant from = filter.from() == null ? null : startOfDay(filter.from());
    Instant to = filter.to() == null ? null : startOfDay(filter.to().plusDays(1));
    List<AuditRepository.ItemRef> items = repository.candidates(filter, scope, from, to, MAX_ITEMS + 1);
    if (items.size() > MAX_ITEMS) {
      throw new InvalidInputException("查询范围过大：涉及超过 " + MAX_ITEMS + " 个事项，请按部门、清单、人员或时间段缩小范围。",
          List.of(new FieldProblem("from", filter.from(), "请缩小查询范围")));
    }
    Map<String, List<TimelineEvent>> timelines =
        timeline.of(items.stream().map(AuditRepository.ItemRef::processInstanceId).toList());
    List<Hit> entries = new ArrayList<>();
    for (AuditRepository.ItemRef item : items) {
      String unitName = organisation.unitName(item.unitId());
      for (TimelineEvent event : timelines.getOrDefault(item.processInstanceId(), List.of())) {
        if (matches(event, filter, from, to)) {
          entries.add(new Hit(event, entry(event, item.code(), item.title(), item.unitId(), unitName,
              item.listCode())));
        }
      }
    }
    if (scope == null && !filter.itemsOnly()) {
      Instant since = from == null ? Instant.EPOCH : from;
      Instant until = to == null ? clock.now().plusSeconds(1) : to;
      for (TimelineEvent event : timeline.operationsOutsideItems(since, until, filter.person(), MAX_ROWS + 1)) {
        if (matches(event, filter, from, to)) {
          entries.add(new Hit(event, entry(event, null, null, null, null, null)));
        }
      }
    }
    if (entries.size() > MAX_ROWS) {
      throw new InvalidInputException("查询结果超过 " + MAX_ROWS + " 条，请缩小查询范围。",
          List.of(new FieldProblem("from", filter.from(), "请缩小查询范围")));
    }
    entries.sort(NEWEST_FIRST);
    return entries.stream().map(Hit::entry).toList();
  }

  private Instant startOfDay(java.time.LocalDate day) {
    return day.atStartOfDay(clock.zone()).toInstant();
  }

  /** null: every unit; otherwise the units the user heads. */
  private List<String> scope(DubanUser user) {
    if (user.seesAllUnits()) {
      return null;
    }
    List<String> headed = repository.unitsHeadedBy(user.id());
    if (headed.isEmpty()) {
      throw new ForbiddenException("审计查询仅向审计人员、督查室、局领导、管理员和科室负责人（限本部门事项）开放。");
    }
    return headed;
  }

  private void check(AuditFilter filter) {
    List<FieldProblem> problems = new ArrayList<>();
    if (filter.kind() != null && !TimelineKinds.SEARCHABLE.containsKey(filter.kind())) {
      problems.add(new FieldProblem("kind", filter.kind(), "操作类型无效"));
    }
    if (filter.unit() != null && organisation.unit(filter.unit()).isEmpty()) {
      problems.add(new FieldProblem("unit", filter.unit(), "部门「" + filter.unit() + "」不存在"));
    }
    if (filter.person() != null && organisation.person(filter.person()).isEmpty()) {
      problems.add(new FieldProblem("person", filter.person(), "人员「" + filter.person() + "」不存在"));
    }
    if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
      problems.add(new FieldProblem("to", filter.to(), "结束日期不能早于开始日期（" + filter.from() + "）"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询条件有误，未执行查询。", problems);
    }
  }

  private static boolean matches(TimelineEvent event, AuditFilter filter, Instant from, Instant to) {
    if (filter.person() != null && !filter.person().equals(event.actor())) {
      return false;
    }
    if (filter.kind() != null && !TimelineKinds.matches(filter.kind(), event)) {
      return false;
    }
    if (event.time() == null) {
      return from == null && to == null;
    }
    return (from == null || !event.time().isBefore(from)) && (to == null || event.time().isBefore(to));
  }

  private static AuditEntry entry(TimelineEvent event, String code, String title, String unitId, String unitName,
                                  String listCode) {
    return new AuditEntry(event.time(), code, title, unitId, unitName, listCode, event.kind(), event.action(),
        event.label(), event.actor(), event.actorName(), event.taskName(), event.details());
  }
}
