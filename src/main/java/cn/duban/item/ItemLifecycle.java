package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.stereotype.Service;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.web.InvalidInputException;

/**
 * What happens to an item as its process moves: the read model follows every step. Called by the process
 * adapters ({@link ItemTaskListener} and the delegates) inside the engine's transaction, so the read model and
 * the engine never disagree.
 */
@Service
class ItemLifecycle {

  private final ItemRepository items;
  private final ItemDirectory directory;
  private final OrganisationService organisation;
  private final BureauClock clock;

  private final org.springframework.context.ApplicationEventPublisher events;
  private final CoUnitParts coUnitParts;
  private final ExtensionRequests extensions;
  private final ItemDeciders deciders;

  ItemLifecycle(ItemRepository items, ItemDirectory directory, OrganisationService organisation, BureauClock clock,
                org.springframework.context.ApplicationEventPublisher events, CoUnitParts coUnitParts,
                ExtensionRequests extensions, ItemDeciders deciders) {
    this.extensions = extensions;
    this.deciders = deciders;
    this.events = events;
    this.coUnitParts = coUnitParts;
    this.items = items;
    this.directory = directory;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** The result of 交办: the item's code and its due instant. */
  public record Registered(String code, ValidItem item, Instant dueAt, String unitName) {
  }

  /** 交办 of an item from outside duban (start form, REST): the rules as for POST /api/items, never a past deadline. */
  Registered registerFromOutside(String processInstanceId, ItemDraft draft, String issuedBy) {
    return register(processInstanceId,
        rulesCheckedWithUnits(() -> ItemRules.validate(draft, clock.today(), false, directory)), issuedBy);
  }

  /** 交办 of a checked item: its code, its row in the read model (status 待签收), its co-units' parts. */
  Registered register(String processInstanceId, ValidItem item, String issuedBy) {
    Instant now = clock.now();
    String code = items.nextCode(clock.today().getYear());
    Instant dueAt = clock.endOfDay(item.deadline());
    items.insert(new ItemRow(code, processInstanceId, item.listCode(), item.title(), item.requirement(),
        item.unitId(), item.coUnitIds(), item.assignee(), item.leaderId(), item.deadline(), dueAt,
        item.reportingCycle() == null ? null : item.reportingCycle().name(), ItemStatus.ISSUED, issuedBy, now,
        null, null, null, 0, 0, EscalationLevel.NONE, null, null, null));
    coUnitParts.create(code, item.coUnitIds());
    return new Registered(code, item, dueAt, organisation.unitName(item.unitId()));
  }

  /** The status of an item is the task it waits at. */
  void taskCreated(String code, String taskKey) {
    ItemStatus status = switch (taskKey) {
      case ItemProcess.Elements.SIGN_FOR -> ItemStatus.ISSUED;
      case ItemProcess.Elements.REASSIGN -> ItemStatus.RETURNED;
      case ItemProcess.Elements.HANDLE -> ItemStatus.IN_PROGRESS;
      case ItemProcess.Elements.APPROVE_EXTENSION -> ItemStatus.EXTENSION_PENDING;
      case ItemProcess.Elements.SIGN_OFF -> ItemStatus.PENDING_SIGNOFF;
      default -> null;
    };
    if (status != null) {
      items.updateStatus(code, status, clock.now());
    }
  }

  void signedFor(String code, String assignee) {
    items.markSigned(code, assignee, clock.now());
  }

  void returnedBySignFor(String code) {
    items.markReturned(code, clock.now());
  }

  /** 改派: the office names another unit (and optionally a person in it). */
  Registered reassign(String code, String newUnitId, String newAssignee) {
    ItemRow row = existing(code);
    String unitId = rulesChecked(() -> ItemRules.requireText(ItemProcess.Variables.NEW_UNIT_ID, newUnitId, "新的责任部门"));
    var draft = new ItemDraft(row.title(), row.requirement(), unitId, newAssignee, row.coUnitIds().stream()
        .filter(u -> !u.equals(unitId)).toList(), row.leaderId(), row.deadline().toString(), row.reportingCycle(),
        row.listCode());
    ValidItem item = rulesCheckedWithUnits(() -> ItemRules.validate(draft, clock.today(), true, directory));
    if (item.unitId().equals(row.unitId())) {
      throw new BadUserRequestException("改派的部门与原责任部门相同，请选择其他部门。");
    }
    items.reassign(code, item.unitId(), item.assignee(), clock.now());
    return new Registered(code, item, row.dueAt(), organisation.unitName(item.unitId()));
  }

  void progressReported(String code, String text, String author, String taskId) {
    items.insertReport(code, "PROGRESS", text, author, clock.now(), taskId);
  }

  void completionReported(String code, String text, String author, String taskId) {
    Instant now = clock.now();
    items.insertReport(code, "COMPLETION", text, author, now, taskId);
    items.markCompleted(code, now);
  }

  void coUnitSigned(String code, String unitId, String assignee) {
    coUnitParts.signed(code, unitId, assignee, clock.now());
  }

  void coUnitDone(String code, String unitId, String report) {
    coUnitParts.done(code, unitId, report, clock.now());
  }

  /** 申请办结 only when every co-unit has reported its part done or the office has waived it. */
  void checkCoUnitsSettled(String code) {
    List<String> open = coUnitParts.of(code).stream().filter(p -> !p.status().settled())
        .map(p -> p.unitName() + "（" + p.statusLabel() + "）").toList();
    if (!open.isEmpty()) {
      throw new BadUserRequestException("协办部门尚未完成：" + String.join("、", open)
          + "。请待其反馈完成后再申请办结，或请督查室豁免。");
    }
  }

  /** Checks a 延期申请 against the item's current deadline. */
  LocalDate checkExtension(String code, String reason, String newDate) {
    ItemRow row = existing(code);
    return rulesChecked(() -> ItemRules.validateExtension(reason, newDate, row.deadline(), clock.today()));
  }

  /** A 延期申请 that passed {@link #checkExtension}: recorded, so that its approval never reads it from variables. */
  void extensionRequested(String code, String requestedBy, LocalDate newDeadline, String reason) {
    extensions.requested(code, requestedBy, newDeadline, reason.strip(), clock.now());
  }

  /** The item's pending 延期申请 (the one its 延期审批 task is about). */
  ExtensionRequests.ExtensionRequest pendingExtension(String code) {
    return extensions.latest(code).filter(r -> r.decision() == null)
        .orElseThrow(() -> new BadUserRequestException("事项「" + code + "」没有待审批的延期申请。"));
  }

  /** The leader's decision on the pending request; an approval is checked against today once more. */
  void extensionDecided(String code, boolean approved, String decidedBy, String note) {
    ExtensionRequests.ExtensionRequest request = pendingExtension(code);
    if (approved) {
      checkExtension(code, request.reason(), request.newDeadline().toString());
    }
    extensions.decided(request.id(), approved, decidedBy, note, clock.now());
  }

  /** The approved extension moves the deadline everywhere; returns the new deadline's due instant. */
  Instant extensionApproved(String code) {
    ItemRow row = existing(code);
    ExtensionRequests.ExtensionRequest request = extensions.latest(code)
        .filter(r -> "APPROVED".equals(r.decision()))
        .orElseThrow(() -> new BadUserRequestException("事项「" + code + "」没有已批准的延期申请。"));
    Instant now = clock.now();
    Instant dueAt = clock.endOfDay(request.newDeadline());
    items.changeDeadline(code, request.newDeadline(), dueAt, now);
    items.insertDeadlineChange(code, row.deadline(), request.newDeadline(), request.reason(), request.requestedBy(),
        request.decidedBy(), now);
    return dueAt;
  }

  /** Refuses a person who may not complete this task of the item now ({@link ItemDeciders}). */
  void checkMayComplete(String code, String taskKey, String userId, String coUnitId) {
    deciders.checkMayComplete(taskKey, existing(code), userId, coUnitId);
  }

  /** 审核退回: the office sent the result back to 承办; features built on items (notifications) follow. */
  void returnedAtSignOff(String code, String reason) {
    events.publishEvent(new ItemReturnedEvent(code, reason, clock.now()));
  }

  /** 办结质量评价: the office's rating of the result, given with 销号 (checked by the sign-off's rules). */
  void rated(String code, QualityRating rating, String remark) {
    items.rate(code, rating, remark, clock.now());
  }

  /** 销号. */
  void closed(String code) {
    items.markClosed(code, clock.now());
    events.publishEvent(new ItemClosedEvent(code, existing(code).listCode()));
  }

  private ItemRow existing(String code) {
    return items.find(code).orElseThrow(() -> new BadUserRequestException("事项「" + code + "」不存在"));
  }

  /**
   * Inside the engine a rule violation becomes a {@link BadUserRequestException}: the REST API answers 400 and
   * Tasklist shows the Chinese message under the form; the transaction is rolled back.
   */
  static <T> T rulesChecked(java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (InvalidInputException e) {
      throw new BadUserRequestException(describe(e, ""));
    }
  }

  /** As {@link #rulesChecked}, naming the units one may choose from when a unit was not found. */
  private <T> T rulesCheckedWithUnits(java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (InvalidInputException e) {
      boolean unitProblem = e.problems().stream().anyMatch(p -> p.field().toLowerCase().contains("unit"));
      String hint = !unitProblem ? "" : "（可选部门：" + String.join("、", organisation.units().stream()
          .map(u -> u.id() + " " + u.name()).toList()) + "）";
      throw new BadUserRequestException(describe(e, hint));
    }
  }

  private static String describe(InvalidInputException e, String hint) {
    // a problem already spelled in the summary (延期申请有误：…) is not repeated
    List<String> details = e.problems().stream().map(p -> p.message()).filter(m -> !e.getMessage().contains(m))
        .toList();
    return (details.isEmpty() ? e.getMessage() : e.getMessage() + " " + String.join("；", details)) + hint;
  }
}
