package cn.duban.item;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.engine.TrustedEngineCalls;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.NotFoundException;

/**
 * What changes items from outside the process: issuing (one path for the API, the start form and the lists) and
 * waiving a co-unit. Reading them is {@link ItemQueries}.
 */
@Service
public class ItemService {

  private final ItemRepository items;
  private final ItemQueries queries;
  private final ItemDirectory directory;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final BureauClock clock;
  private final CoUnitParts coUnitParts;

  ItemService(ItemRepository items, ItemQueries queries, ItemDirectory directory, RuntimeService runtimeService,
              IdentityService identityService, BureauClock clock, CoUnitParts coUnitParts) {
    this.items = items;
    this.queries = queries;
    this.directory = directory;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.clock = clock;
    this.coUnitParts = coUnitParts;
  }

  /**
   * 交办: checks the draft completely (every problem at once, 422), then starts the item's process as the caller,
   * so the engine records who issued it. The process trusts the checked item ({@link PendingIssue}) and gives it
   * its code; the code, the process and the read model row are one transaction.
   */
  @Transactional
  public String issue(ItemDraft draft, DubanUser user, boolean allowPastDeadline) {
    if (!user.isOfficeOrAdmin()) {
      throw new ForbiddenException("只有督查室和管理员可以交办事项。");
    }
    ValidItem item = ItemRules.validate(draft, clock.today(), allowPastDeadline, directory);
    return EngineSystemContext.callAs(identityService, user, () -> TrustedEngineCalls.call(() -> PendingIssue.with(
        item, () -> runtimeService.startProcessInstanceByKey(ItemProcess.KEY, item.variables()).getBusinessKey())));
  }

  /**
   * Issues one row of a task list (the list's process issues its items through here): the item as {@link #issue},
   * then its place in the list and the list's 备注, in the caller's transaction (the whole list or nothing).
   */
  @Transactional
  public String issueListRow(ItemDraft draft, String row, String remark, DubanUser user, boolean allowPastDeadline) {
    String code = issue(draft, user, allowPastDeadline);
    items.placeInList(code, row, remark);
    return code;
  }

  /**
   * The office waives a co-unit's part, with a reason: the co-unit's tasks end (the waiver is in the history) and
   * the lead unit may apply for 办结 without it.
   */
  @Transactional
  public void waiveCoUnit(String code, String unitId, String reason, DubanUser user) {
    if (!user.isOfficeOrAdmin()) {
      throw new ForbiddenException("只有督查室可以豁免协办部门。");
    }
    ItemRow row = queries.visible(code, user);
    String why = ItemRules.requireText("reason", reason, "豁免理由");
    CoUnitPart part = coUnitParts.of(code).stream().filter(p -> p.unitId().equals(unitId)).findFirst()
        .orElseThrow(() -> new NotFoundException("「" + unitId + "」不是事项「" + code + "」的协办部门。"));
    if (part.status().settled()) {
      throw new cn.duban.system.web.ConflictException("协办部门「" + part.unitName() + "」的部分已" + part.statusLabel() + "。");
    }
    coUnitParts.waived(code, unitId, user.id(), why, clock.now());
    // the co-unit's instance is the one waiting for the waiver whose coUnitId (set by the multi-instance on its
    // parent execution) is this unit
    EngineSystemContext.run(identityService, () -> runtimeService.createExecutionQuery()
        .processInstanceId(row.processInstanceId())
        .messageEventSubscriptionName(ItemProcess.Messages.CO_UNIT_WAIVED).list().stream()
        .filter(e -> unitId.equals(runtimeService.getVariable(e.getId(), ItemProcess.Variables.CO_UNIT_ID)))
        .findFirst()
        .ifPresent(e -> runtimeService.messageEventReceived(ItemProcess.Messages.CO_UNIT_WAIVED, e.getId())));
  }
}
