package cn.duban.assessment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;

/**
 * 考核 as JSON and .xlsx for the signed-in person's scope ({@code GET /api/assessment}, {@code GET
 * /api/assessment/export}; filters {@code list} and the period: {@code period=2026-11} or {@code 2026-Q4}, or
 * {@code from} and {@code to}), and its rules ({@code GET/PUT /api/admin/assessment-rules}, admins only by path).
 */
@RestController
class AssessmentController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final AssessmentService assessment;
  private final AssessmentRulesService rules;
  private final AssessmentQueries queries;
  private final BureauClock clock;

  AssessmentController(AssessmentService assessment, AssessmentRulesService rules, AssessmentQueries queries,
                       BureauClock clock) {
    this.assessment = assessment;
    this.rules = rules;
    this.queries = queries;
    this.clock = clock;
  }

  @GetMapping("/api/assessment")
  Assessment assessment(@RequestParam(name = "list", required = false) String list,
                        @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user) {
    return assessment.assess(user, queries.listCode(list), queries.period(period, from, to));
  }

  @GetMapping("/api/assessment/export")
  ResponseEntity<byte[]> export(@RequestParam(name = "list", required = false) String list,
                                @RequestParam(required = false) String period,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @AuthenticationPrincipal DubanUser user) {
    Assessment a = assessment.assess(user, queries.listCode(list), queries.period(period, from, to));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("考核-" + a.period().key().replace('~', '_') + ".xlsx", StandardCharsets.UTF_8).build()
            .toString())
        .body(AssessmentWorkbook.xlsx(a, clock.zone()));
  }

  /** Every version, the latest first, and the version in force today. */
  @GetMapping("/api/admin/assessment-rules")
  Map<String, Object> rules() {
    List<AssessmentRules> versions = rules.versions();
    return Map.of("inForce", rules.inForce(clock.today()), "latestVersion", versions.get(0).version(),
        "versions", versions);
  }

  /** Adds a version; {@code version} in the body is the version edited (409 if another change came first). */
  @PutMapping("/api/admin/assessment-rules")
  ResponseEntity<AssessmentRules> change(@RequestBody(required = false) JsonNode body,
                                         @AuthenticationPrincipal DubanUser user) {
    return ResponseEntity.status(HttpStatus.CREATED).body(rules.change(AssessmentRules.parse(body), user.id()));
  }
}
