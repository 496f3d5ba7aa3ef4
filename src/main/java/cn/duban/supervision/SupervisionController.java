package cn.duban.supervision;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.supervision.Figures.Bulletin;
import cn.duban.supervision.Figures.Dashboard;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;

/**
 * The 督办台's figures as JSON, for the signed-in person's scope: {@code GET /api/dashboard} and the 通报
 * ({@code GET /api/bulletin}, {@code GET /api/bulletin/export} as .xlsx). Filters: {@code list} (a task list's
 * code) and the period: {@code period=2026-11} or {@code 2026-Q4}, or {@code from} and {@code to}.
 */
@RestController
@RequestMapping("/api")
class SupervisionController {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final SupervisionService supervision;
  private final SupervisionQueries queries;
  private final BureauClock clock;

  SupervisionController(SupervisionService supervision, SupervisionQueries queries, BureauClock clock) {
    this.supervision = supervision;
    this.queries = queries;
    this.clock = clock;
  }

  @GetMapping("/dashboard")
  Dashboard dashboard(@RequestParam(name = "list", required = false) String list,
                      @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user) {
    return supervision.dashboard(queries.scope(user), queries.listCode(list), queries.period(period, from, to));
  }

  @GetMapping("/bulletin")
  Bulletin bulletin(@RequestParam(name = "list", required = false) String list,
                    @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user) {
    return supervision.bulletin(queries.scope(user), queries.listCode(list), queries.period(period, from, to));
  }

  @GetMapping("/bulletin/export")
  ResponseEntity<byte[]> export(@RequestParam(name = "list", required = false) String list,
                                @RequestParam(required = false) String period,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @AuthenticationPrincipal DubanUser user) {
    Bulletin bulletin = supervision.bulletin(queries.scope(user), queries.listCode(list),
        queries.period(period, from, to));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("通报-" + bulletin.period().key() + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .body(BulletinWorkbook.xlsx(bulletin, clock.zone()));
  }
}
