package cn.duban.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/**
 * The working-day calendar as JSON: what is loaded, counting in working days, and (admins) a year's holiday
 * arrangement stored without a release.
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

  /** More than any deadline needs (about four years). */
  static final int MAX_WORKING_DAYS = 1000;

  private final CalendarService calendar;

  CalendarController(CalendarService calendar) {
    this.calendar = calendar;
  }

  @GetMapping("/status")
  CalendarStatus status() {
    return calendar.status();
  }

  /** {@code ?from=2026-09-30&workingDays=3}: the 3rd working day after 30 September 2026. */
  @GetMapping("/add")
  WorkingDaySum add(@RequestParam(required = false) String from,
                    @RequestParam(required = false) String workingDays) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate start = null;
    if (from == null || from.isBlank()) {
      problems.add(new FieldProblem("from", from, "请填写起算日期 from，如 2026-09-30"));
    } else {
      start = DeadlineText.parseDate(from).orElse(null);
      if (start == null) {
        problems.add(new FieldProblem("from", from, "「" + from + "」不是有效日期，请写成 2026-09-30 的形式"));
      }
    }
    Integer n = null;
    if (workingDays == null || workingDays.isBlank()) {
      problems.add(new FieldProblem("workingDays", workingDays, "请填写工作日数 workingDays，如 3"));
    } else {
      try {
        n = Integer.valueOf(workingDays.strip());
      } catch (NumberFormatException e) {
        problems.add(new FieldProblem("workingDays", workingDays, "工作日数应为整数（负数表示往前数）"));
      }
      if (n != null && Math.abs(n) > MAX_WORKING_DAYS) {
        problems.add(new FieldProblem("workingDays", n,
            "工作日数应在 -" + MAX_WORKING_DAYS + " 到 " + MAX_WORKING_DAYS + " 之间"));
        n = null;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("参数有误：" + problems.get(0).message(), problems);
    }
    return calendar.add(start, n);
  }

  @GetMapping("/{year:\\d{4}}")
  CalendarYear year(@PathVariable int year) {
    return calendar.year(year).orElseThrow(() -> new NotFoundException(
        year + " 年的节假日安排尚未载入，该年的工作日按周一至周五计算。管理员可在“节假日安排”页面（/admin/calendar/" + year + "）录入。"));
  }

  /** Admins: stores a year in the published layout; it replaces the file of that year and is used at once. */
  @PutMapping("/{year:\\d{4}}")
  CalendarYear store(@PathVariable int year, @RequestBody JsonNode document, @AuthenticationPrincipal DubanUser user) {
    return calendar.store(year, document, user);
  }

  /** Admins: removes a stored year; the file of that year shipped with the release, if any, applies again. */
  @DeleteMapping("/{year:\\d{4}}")
  ResponseEntity<Void> remove(@PathVariable int year, @AuthenticationPrincipal DubanUser user) {
    calendar.remove(year, user);
    return ResponseEntity.noContent().build();
  }
}
