package cn.duban.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.item.TimelineKinds;
import cn.duban.system.security.BreakGlass;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.InvalidInputException;

/**
 * 审计 as JSON: search the history ({@code GET /api/audit}), export it ({@code GET /api/audit/export}), the export
 * log ({@code GET /api/audit/exports}), the attempts to erase history ({@code GET /api/audit/erasures}) and the
 * break-glass grants ({@code GET /api/audit/break-glass}).
 * All reads: an export only adds its own record to the export log.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  static final String DIGEST_HEADER = "X-Duban-SHA256";
  static final String EXPORT_ID_HEADER = "X-Duban-Export-Id";

  private final AuditSearch search;
  private final AuditExport export;
  private final BreakGlass breakGlass;

  AuditController(AuditSearch search, AuditExport export, BreakGlass breakGlass) {
    this.search = search;
    this.export = export;
    this.breakGlass = breakGlass;
  }

  @GetMapping
  AuditPage search(@RequestParam(required = false) String person, @RequestParam(required = false) String unit,
                   @RequestParam(required = false) String item, @RequestParam(required = false) String list,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String kind, @RequestParam(defaultValue = "0") int page,
                   @RequestParam(defaultValue = "50") int size, @AuthenticationPrincipal DubanUser user) {
    if (page < 0 || size < 1 || size > 500) {
      throw new InvalidInputException(new FieldProblem("size", size, "分页参数有误：page ≥ 0，size 在 1 到 500 之间"));
    }
    return search.page(filter(person, unit, item, list, from, to, kind), page, size, user);
  }

  @GetMapping("/export")
  ResponseEntity<byte[]> export(@RequestParam(required = false) String person, @RequestParam(required = false) String unit,
                                @RequestParam(required = false) String item, @RequestParam(required = false) String list,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String kind,
                                @RequestParam(defaultValue = "xlsx") String format,
                                @AuthenticationPrincipal DubanUser user) {
    AuditExport.ExportedFile file = export.export(filter(person, unit, item, list, from, to, kind), format, user);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, file.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
        .header(DIGEST_HEADER, file.sha256())
        .header(EXPORT_ID_HEADER, String.valueOf(file.exportId()))
        .header("X-Content-Type-Options", "nosniff")
        .body(file.content());
  }

  @GetMapping("/exports")
  List<AuditRepository.ExportRecord> exports(@AuthenticationPrincipal DubanUser user) {
    requireWholeBureau(user);
    return export.exports();
  }

  @GetMapping("/erasures")
  List<BreakGlass.Erasure> erasures(@AuthenticationPrincipal DubanUser user) {
    requireWholeBureau(user);
    return breakGlass.erasures(500);
  }

  /** The break-glass grants (who, why, under which approval, when), for those who check the erasures. */
  @GetMapping("/break-glass")
  List<BreakGlass.Grant> grants(@AuthenticationPrincipal DubanUser user) {
    requireWholeBureau(user);
    return breakGlass.grants();
  }

  @GetMapping("/kinds")
  Map<String, String> kinds() {
    return TimelineKinds.SEARCHABLE;
  }

  static void requireWholeBureau(DubanUser user) {
    if (!user.seesAllUnits()) {
      throw new ForbiddenException("导出记录和历史删除记录仅向审计人员、督查室、局领导和管理员开放。");
    }
  }

  /** The filters from request parameters: blanks ignored, dates as 2026-12-31. */
  static AuditFilter filter(String person, String unit, String item, String list, String from, String to,
                            String kind) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate fromDay = date("from", from, "开始日期", problems);
    LocalDate toDay = date("to", to, "结束日期", problems);
    if (blank(kind) != null && !TimelineKinds.SEARCHABLE.containsKey(kind.trim())) {
      problems.add(new FieldProblem("kind", kind, "操作类型无效，可选：" + String.join("、",
          TimelineKinds.SEARCHABLE.keySet())));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("查询条件有误，未执行查询。", problems);
    }
    return new AuditFilter(blank(person), blank(unit), blank(item), blank(list), fromDay, toDay, blank(kind));
  }

  private static LocalDate date(String field, String value, String label, List<FieldProblem> problems) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, value, label + "不是有效日期，请写成 2026-12-31 的形式"));
      return null;
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
