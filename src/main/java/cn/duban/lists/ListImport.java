package cn.duban.lists;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

import cn.duban.item.escalation.EscalationPolicy;
import cn.duban.item.escalation.EscalationThresholds;
import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Unit;
import cn.duban.system.BureauClock;
import cn.duban.system.Digests;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.Idempotency;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.PlainText;

/**
 * 任务清单 import: the whole file is checked first (every problem at once); only a file without errors is issued,
 * as one transaction. A dry run checks and shows what would be created, and creates nothing.
 */
@Service
public class ListImport {

  /** What the office asked for with the file. */
  public record Request(String name, String issuedBy, String source, boolean dryRun, boolean allowPastDeadlines,
                        EscalationThresholds escalation) {

    public Request(String name, String issuedBy, String source, boolean dryRun, boolean allowPastDeadlines) {
      this(name, issuedBy, source, dryRun, allowPastDeadlines, EscalationThresholds.none());
    }
  }

  /** The answer: the rows as checked (dry run) or the list issued. */
  public record Result(boolean dryRun, String summary, String listCode, List<String> itemCodes, List<PlannedItem> items,
                       List<ImportProblem> warnings) {
  }

  /** A row as it would become an item, with the names a person checks it by. */
  public record PlannedItem(int row, String serial, String title, String unitId, String unitName, String assignee,
                            List<String> coUnitIds, String leaderId, String deadline, Integer workingDays,
                            String reportingCycle, String remark) {
  }

  /** A file that cannot be issued: every problem, and the warnings. */
  public static class Refused extends RuntimeException {
    private final transient ListCheck check;

    Refused(ListCheck check) {
      super(check.summary());
      this.check = check;
    }

    public ListCheck check() {
      return check;
    }
  }

  /** What makes two imports the same: the file's content and name, and the fields sent with it. */
  private record Fingerprint(String fileName, String sha256, Request request) {
  }

  private final ListDirectory directory;
  private final ListService lists;
  private final OrganisationService organisation;
  private final BureauClock clock;
  private final EscalationPolicy escalation;
  private final Idempotency idempotency;

  private final MeterRegistry meters;

  ListImport(ListDirectory directory, ListService lists, OrganisationService organisation, BureauClock clock,
             EscalationPolicy escalation, Idempotency idempotency, MeterRegistry meters) {
    this.meters = meters;
    this.directory = directory;
    this.lists = lists;
    this.organisation = organisation;
    this.clock = clock;
    this.escalation = escalation;
    this.idempotency = idempotency;
  }

  /**
   * Imports a file once per idempotency key (POST /api/lists and the lists page): the same key with the same file
   * and fields gives the first import's result again; a dry run creates nothing and needs no key.
   */
  public Idempotency.Outcome<Result> importFileOnce(String key, byte[] content, String fileName, Request request,
                                                   DubanUser user) {
    return idempotency.once(user.id(), request.dryRun() ? null : key, "list.import",
        new Fingerprint(fileName, Digests.sha256(content), request), Result.class,
        () -> importFile(content, fileName, request, user));
  }

  /** Checks a file and, unless it is a dry run, issues it; timed for operators ({@code duban.list.imports}). */
  public Result importFile(byte[] content, String fileName, Request request, DubanUser user) {
    Timer.Sample sample = Timer.start(meters);
    String outcome = "refused";
    try {
      Result result = checkAndIssue(content, fileName, request, user);
      outcome = result.dryRun() ? "checked" : "issued";
      return result;
    } finally {
      sample.stop(meters.timer("duban.list.imports", "outcome", outcome));
    }
  }

  private Result checkAndIssue(byte[] content, String fileName, Request request, DubanUser user) {
    ListService.requireOffice(user);
    List<FieldProblem> unreadable = new java.util.ArrayList<>();
    PlainText.problem("file", fileName, "文件名").ifPresent(unreadable::add);
    PlainText.problem("name", request.name(), "清单名称").ifPresent(unreadable::add);
    PlainText.problem("issuedBy", request.issuedBy(), "下发部门").ifPresent(unreadable::add);
    PlainText.problem("source", request.source(), "来源").ifPresent(unreadable::add);
    if (!unreadable.isEmpty()) {
      throw new InvalidInputException(unreadable.get(0).message(), unreadable);
    }
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 200) {
      throw new InvalidInputException(new FieldProblem("name", request.name(),
          name.isEmpty() ? "请填写清单名称" : "清单名称不能超过 200 个字"));
    }
    String issuedBy = null;
    if (request.issuedBy() != null && !request.issuedBy().isBlank()) {
      issuedBy = organisation.unitByIdOrName(request.issuedBy()).map(Unit::id).orElseThrow(() ->
          new InvalidInputException(new FieldProblem("issuedBy", request.issuedBy(),
              "下发部门「" + request.issuedBy() + "」不存在")));
    }
    escalation.check(request.escalation());
    ListCheck check = new ListChecker(new MemoizingListDirectory(directory)).check(content, fileName, new ListCheckOptions(clock.today(),
        request.allowPastDeadlines(), null));
    if (!check.ok()) {
      throw new Refused(check);
    }
    List<PlannedItem> planned = check.rows().stream().map(this::planned).toList();
    if (request.dryRun()) {
      return new Result(true, "清单检查通过：共 " + planned.size() + " 个事项，可以下发（本次为试运行，未创建任何内容）。",
          null, List.of(), planned, check.warnings());
    }
    var issued = lists.issue(name, issuedBy, blankToNull(request.source()), fileName,
        check.rows().stream().map(r -> new ListService.ListRow(r.serial() != null ? r.serial() : String.valueOf(r.row()),
            r.draft(), r.remark())).toList(), user, request.allowPastDeadlines(), request.escalation());
    return new Result(false, "已下发清单 " + issued.list().code() + "，共 " + issued.itemCodes().size() + " 个事项。",
        issued.list().code(), issued.itemCodes(), planned, check.warnings());
  }

  private PlannedItem planned(CheckedRow row) {
    var d = row.draft();
    return new PlannedItem(row.row(), row.serial(), d.title(), d.unitId(), organisation.unitName(d.unitId()),
        d.assignee(), d.coUnitIds(), d.leaderId(), d.deadline(), row.workingDays(), d.reportingCycle(), row.remark());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
