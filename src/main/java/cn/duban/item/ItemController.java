package cn.duban.item;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.Idempotency;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/** Items as JSON: issue one, list them, read one with its history, and its evidence files. */
@RestController
@RequestMapping("/api/items")
class ItemController {

  private final ItemQueries items;
  private final ItemService commands;
  private final AttachmentService attachments;
  private final Idempotency idempotency;

  ItemController(ItemQueries items, ItemService commands, AttachmentService attachments,
                 Idempotency idempotency) {
    this.commands = commands;
    this.items = items;
    this.attachments = attachments;
    this.idempotency = idempotency;
  }

  /** The JSON body of POST /api/items. */
  record IssueRequest(String title, String requirement, String unitId, String assignee, List<String> coUnitIds,
                      String leaderId, String deadline, String reportingCycle, String listCode) {
  }

  /** 交办; with an {@code Idempotency-Key}, the same body sent again gives the first answer (one item). */
  @PostMapping
  ResponseEntity<Map<String, String>> issue(@RequestBody IssueRequest request,
                                            @RequestHeader(name = Idempotency.HEADER, required = false) String key,
                                            @AuthenticationPrincipal DubanUser user) {
    var outcome = idempotency.once(user.id(), key, "item.issue", request, String.class,
        () -> commands.issue(new ItemDraft(request.title(), request.requirement(), request.unitId(), request.assignee(),
            request.coUnitIds(), request.leaderId(), request.deadline(), request.reportingCycle(),
            request.listCode()), user, false));
    String code = outcome.result();
    return ResponseEntity.created(URI.create("/api/items/" + code)).headers(Idempotency.replayHeaders(outcome))
        .body(Map.of("code", code));
  }

  @GetMapping
  ItemPage list(@RequestParam(required = false) String unit, @RequestParam(required = false) String status,
                @RequestParam(required = false) String light, @RequestParam(name = "list", required = false) String listCode,
                @RequestParam(required = false) String assignee, @RequestParam(required = false) String leader,
                @RequestParam(required = false) String deadlineFrom, @RequestParam(required = false) String deadlineTo,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                @AuthenticationPrincipal DubanUser user) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInputException(new FieldProblem("size", size, "分页参数有误：page ≥ 0，size 在 1 到 200 之间"));
    }
    return items.list(new ItemFilter(blank(unit), parse(ItemStatus.class, "status", status),
        parse(ItemLight.class, "light", light), blank(listCode), blank(assignee), blank(leader),
        date("deadlineFrom", deadlineFrom), date("deadlineTo", deadlineTo), blank(q), page, size), user);
  }

  @GetMapping("/{code}")
  ItemDetail detail(@PathVariable String code, @AuthenticationPrincipal DubanUser user) {
    return items.detail(code, user);
  }

  record WaiveRequest(String reason) {
  }

  /** The office waives a co-unit's part (协办) with a reason. */
  @PostMapping("/{code}/co-units/{unitId}/waive")
  ResponseEntity<Void> waive(@PathVariable String code, @PathVariable String unitId, @RequestBody WaiveRequest request,
                             @AuthenticationPrincipal DubanUser user) {
    commands.waiveCoUnit(code, unitId, request.reason(), user);
    return ResponseEntity.noContent().build();
  }

  /** Evidence for 申请办结: the assignee (or the office) adds files while the item is open. */
  @PostMapping("/{code}/attachments")
  ResponseEntity<AttachmentInfo> upload(@PathVariable String code, @RequestPart("file") MultipartFile file,
                                        @AuthenticationPrincipal DubanUser user) throws IOException {
    ItemRow item = items.visible(code, user);
    boolean office = user.isOfficeOrAdmin();
    if (!office && !user.id().equals(item.assignee())) {
      throw new ForbiddenException("只有承办人和督查室可以上传佐证材料。");
    }
    if (!item.status().isOpen()) {
      throw new cn.duban.system.web.ConflictException("事项已销号，不能再上传材料。");
    }
    AttachmentInfo stored = attachments.store(code, file.getOriginalFilename(), file.getBytes(), user.id());
    return ResponseEntity.created(URI.create("/api/items/" + code + "/attachments/" + stored.id())).body(stored);
  }

  @GetMapping("/{code}/attachments/{id}")
  ResponseEntity<byte[]> download(@PathVariable String code, @PathVariable long id,
                                  @AuthenticationPrincipal DubanUser user) {
    items.visible(code, user);
    AttachmentInfo info = attachments.find(code, id).orElseThrow(() -> new NotFoundException("附件不存在。"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, info.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(info.fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(attachments.content(id));
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static java.time.LocalDate date(String field, String value) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(new FieldProblem(field, value, "日期格式不对，应写作 2026-12-31"));
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(new FieldProblem(field, value, "取值无效，可选：" + java.util.Arrays.toString(type.getEnumConstants())));
    }
  }
}
