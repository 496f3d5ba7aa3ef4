package cn.duban.lists;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.duban.item.escalation.EscalationThresholds;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.Idempotency;

/** Task lists as JSON: import (and dry run), read, export. */
@RestController
@RequestMapping("/api/lists")
class ListController {

  private final ListService lists;
  private final ListExport export;
  private final ListImport imports;

  ListController(ListService lists, ListExport export, ListImport imports) {
    this.lists = lists;
    this.export = export;
    this.imports = imports;
  }

  /**
   * Imports a list: {@code file} (.xlsx or .csv), {@code name}, optional {@code issuedBy} (unit), {@code source},
   * {@code dryRun}, {@code allowPastDeadlines}. 201 with the list's code; 200 for a dry run; 422 with every problem.
   * With an {@code Idempotency-Key} the same file and fields sent again give the first answer (one list).
   */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ListImport.Result> importList(@RequestPart("file") MultipartFile file,
                                               @RequestParam(required = false) String name,
                                               @RequestParam(required = false) String issuedBy,
                                               @RequestParam(required = false) String source,
                                               @RequestParam(defaultValue = "false") boolean dryRun,
                                               @RequestParam(defaultValue = "false") boolean allowPastDeadlines,
                                               @RequestParam(required = false) Integer remindWorkingDaysBefore,
                                               @RequestParam(required = false) Integer superviseWorkingDaysAfter,
                                               @RequestParam(required = false) Integer bulletinWorkingDaysAfter,
                                               @RequestHeader(name = Idempotency.HEADER, required = false)
                                               String idempotencyKey,
                                               @AuthenticationPrincipal DubanUser user) throws IOException {
    var escalation = new EscalationThresholds(remindWorkingDaysBefore, superviseWorkingDaysAfter,
        bulletinWorkingDaysAfter);
    var outcome = imports.importFileOnce(idempotencyKey, file.getBytes(), file.getOriginalFilename(),
        new ListImport.Request(name, issuedBy, source, dryRun, allowPastDeadlines, escalation), user);
    var result = outcome.result();
    return dryRun ? ResponseEntity.ok(result)
        : ResponseEntity.created(URI.create("/api/lists/" + result.listCode()))
            .headers(Idempotency.replayHeaders(outcome)).body(result);
  }

  /** 422 with every problem of the file: row as Excel shows it, column, value and reason; plus the warnings. */
  @ExceptionHandler(ListImport.Refused.class)
  ResponseEntity<ProblemDetail> refused(ListImport.Refused refused) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, refused.getMessage());
    problem.setTitle("清单有误");
    problem.setProperty("errors", refused.check().errors());
    problem.setProperty("warnings", refused.check().warnings());
    return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @GetMapping
  List<TaskList> all() {
    return lists.all();
  }

  @GetMapping("/{code}")
  ListSummary one(@PathVariable String code, @AuthenticationPrincipal DubanUser user) {
    return lists.summary(code, user);
  }

  /** 督办台账 as .xlsx, with the items the caller may see. */
  @GetMapping("/{code}/export")
  ResponseEntity<byte[]> export(@PathVariable String code, @AuthenticationPrincipal DubanUser user) {
    byte[] content = export.xlsx(code, user);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("督办台账-" + code + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .body(content);
  }
}
