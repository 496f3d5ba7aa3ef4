package cn.duban.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.item.escalation.EscalationPolicy;
import cn.duban.item.escalation.EscalationThresholds;
import cn.duban.item.ItemClosedEvent;
import cn.duban.item.ItemDraft;
import cn.duban.item.ItemFilter;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemService;
import cn.duban.item.ItemStatus;
import cn.duban.item.ItemView;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.engine.TrustedEngineCalls;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.NotFoundException;

/** Issuing a list as a whole, following it to its end, and reading it. */
@Service
public class ListService {

  /** A row to issue: the item, and what the sheet says beside it. */
  public record ListRow(String rowNumber, ItemDraft item, String remark) {
  }

  /** An issued list and the codes of its items, in the order of the rows. */
  public record IssuedList(TaskList list, List<String> itemCodes) {
  }

  private final ListRepository lists;
  private final ItemService items;
  private final ItemQueries itemQueries;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final BureauClock clock;
  private final EscalationPolicy escalation;

  ListService(ListRepository lists, ItemService items, ItemQueries itemQueries, RuntimeService runtimeService,
              IdentityService identityService, BureauClock clock, EscalationPolicy escalation) {
    this.escalation = escalation;
    this.lists = lists;
    this.items = items;
    this.itemQueries = itemQueries;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.clock = clock;
  }

  /**
   * Issues a list: the list, its process and one item process per row, in one transaction, so a failure in the
   * middle (database, engine) leaves no half-issued list. Rows must have been checked completely before.
   */
  @Transactional
  public IssuedList issue(String name, String issuedByUnit, String source, String fileName, List<ListRow> rows,
                          DubanUser user, boolean allowPastDeadlines) {
    return issue(name, issuedByUnit, source, fileName, rows, user, allowPastDeadlines, EscalationThresholds.none());
  }

  /** Issues a list whose items escalate by the given thresholds (null fields: the defaults). */
  @Transactional
  public IssuedList issue(String name, String issuedByUnit, String source, String fileName, List<ListRow> rows,
                          DubanUser user, boolean allowPastDeadlines, EscalationThresholds escalation) {
    requireOffice(user);
    String code = lists.nextCode(clock.today().getYear());
    TaskList list = new TaskList(code, name, issuedByUnit, clock.today(), source, fileName, null, user.id(),
        clock.now(), rows.size(), null);
    lists.insert(list);
    // before the items start: their ladders' timers are planned against the list's thresholds
    this.escalation.saveForList(code, escalation);
    List<String> codes = new ArrayList<>();
    for (ListRow row : rows) {
      ItemDraft d = row.item();
      String itemCode = items.issueListRow(new ItemDraft(d.title(), d.requirement(), d.unitId(), d.assignee(),
          d.coUnitIds(), d.leaderId(), d.deadline(), d.reportingCycle(), code), row.rowNumber(), row.remark(), user,
          allowPastDeadlines);
      codes.add(itemCode);
    }
    // the list process starts only here, with the code duban gave the list (ListStartRule refuses other starts)
    String processInstanceId = EngineSystemContext.callAs(identityService, user, () -> TrustedEngineCalls.call(
        () -> runtimeService.startProcessInstanceByKey(ListProcess.KEY, code).getId()));
    lists.setProcessInstance(code, processInstanceId);
    return new IssuedList(lists.find(code).orElseThrow(), codes);
  }

  public List<TaskList> all() {
    return lists.all();
  }

  public TaskList get(String code) {
    return lists.find(code).orElseThrow(() -> new NotFoundException("清单「" + code + "」不存在。"));
  }

  public ListSummary summary(String code, DubanUser user) {
    TaskList list = get(code);
    List<ItemView> views = new ArrayList<>();
    int page = 0;
    while (true) {
      var chunk = itemQueries.list(new ItemFilter(null, null, null, code, null, page++, 200), user);
      views.addAll(chunk.items());
      if (views.size() >= chunk.total() || chunk.items().isEmpty()) {
        break;
      }
    }
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (ItemStatus s : ItemStatus.values()) {
      byStatus.put(s.name(), views.stream().filter(v -> v.status() == s).count());
    }
    Map<String, Long> byLight = new LinkedHashMap<>();
    for (ItemLight l : ItemLight.values()) {
      byLight.put(l.name(), views.stream().filter(v -> v.light() == l).count());
    }
    long onTime = byLight.get(ItemLight.CLOSED_ON_TIME.name());
    long decided = onTime + byLight.get(ItemLight.CLOSED_LATE.name()) + byLight.get(ItemLight.RED.name());
    return new ListSummary(list, views, byStatus, byLight, decided == 0 ? null : (double) onTime / decided,
        escalation.forList(code));
  }

  /** The last item of a list signed off ends the list's process. Closers of one list take turns (row lock). */
  @EventListener
  void itemClosed(ItemClosedEvent event) {
    if (event.listCode() == null) {
      return;
    }
    lists.lock(event.listCode()).ifPresent(list -> {
      if (list.closedAt() == null && lists.openItems(list.code()) == 0 && list.processInstanceId() != null) {
        EngineSystemContext.run(identityService, () -> runtimeService
            .createMessageCorrelation(ListProcess.MESSAGE_ALL_ITEMS_CLOSED)
            .processInstanceBusinessKey(list.code()).correlateAll());
      }
    });
  }

  void closed(String code) {
    lists.markClosed(code, clock.now());
  }

  static void requireOffice(DubanUser user) {
    if (!user.isOfficeOrAdmin()) {
      throw new ForbiddenException("只有督查室和管理员可以下发任务清单。");
    }
  }
}
