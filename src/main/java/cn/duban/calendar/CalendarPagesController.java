package cn.duban.calendar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/**
 * 节假日安排 for admins (/admin/** is admin-only): which years are loaded, and a year entered in a table of days or
 * uploaded as the published JSON file. Both go through {@link CalendarService#store}, the same checks as
 * {@code PUT /api/calendar/{year}}: every problem is listed at once, in Chinese, and nothing is stored then.
 */
@Controller
@RequestMapping("/admin/calendar")
class CalendarPagesController {

  /** Blank rows under the entered days, and at least this many rows: a year's notice lists about 40 days. */
  static final int BLANK_ROWS = 10;
  static final int MIN_ROWS = 45;
  /** A published year's file is about 5 KB; anything far larger is not one. */
  static final long MAX_FILE_BYTES = 256 * 1024;

  private static final Pattern DAY_FIELD = Pattern.compile("days\\[(\\d+)](?:\\.(\\w+))?");
  private static final Pattern PAPER_FIELD = Pattern.compile("papers\\[(\\d+)]");

  private final CalendarService calendar;
  private final BureauClock clock;
  private final ObjectMapper json;
  private final OrganisationService organisation;

  CalendarPagesController(CalendarService calendar, BureauClock clock, ObjectMapper json,
                          OrganisationService organisation) {
    this.calendar = calendar;
    this.clock = clock;
    this.json = json;
    this.organisation = organisation;
  }

  /** A day as typed in the table (or as stored): date, name, and {@code "true"} 放假 / {@code "false"} 调休上班. */
  record DayRow(String date, String name, String offDay) {
  }

  /** One problem as the page shows it: where (第 3 行 日期) and what is wrong. */
  record Problem(String where, String message) {
  }

  /** A row of the overview. */
  record YearRow(int year, boolean loaded, String source, int days, String updatedBy, Instant updatedAt,
                 boolean needed) {
  }

  @GetMapping
  String overview(@AuthenticationPrincipal DubanUser user, Model model) {
    CalendarStatus status = calendar.status();
    int thisYear = clock.today().getYear();
    TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
    years.addAll(status.loadedYears());
    years.add(thisYear);
    years.add(thisYear + 1);
    List<YearRow> rows = new ArrayList<>();
    for (int year : years) {
      Optional<CalendarYear> loaded = calendar.year(year);
      rows.add(new YearRow(year, loaded.isPresent(), loaded.map(CalendarPagesController::sourceLabel).orElse("缺失"),
          loaded.map(y -> y.days().size()).orElse(0),
          loaded.map(CalendarYear::updatedBy).map(organisation::personName).orElse(null),
          loaded.map(CalendarYear::updatedAt).orElse(null), status.missingYears().contains(year)));
    }
    model.addAttribute("user", user);
    model.addAttribute("years", rows);
    model.addAttribute("zone", clock.zone());
    model.addAttribute("nextYear", status.missingYears().isEmpty() ? thisYear + 1 : status.missingYears().get(0));
    return "admin/calendar";
  }

  /** {@code ?year=2028} from the overview's "other year" box. */
  @GetMapping(params = "year")
  String goToYear(@RequestParam String year, RedirectAttributes redirect) {
    try {
      int y = Integer.parseInt(year.strip());
      if (y >= ArrangementRules.FIRST_YEAR && y <= ArrangementRules.LAST_YEAR) {
        return "redirect:/admin/calendar/" + y;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    redirect.addFlashAttribute("error", "年份应为 " + ArrangementRules.FIRST_YEAR + " 到 " + ArrangementRules.LAST_YEAR
        + " 之间的四位数字，如 " + (clock.today().getYear() + 1) + "。");
    return "redirect:/admin/calendar";
  }

  @GetMapping("/{year:\\d{4}}")
  String year(@PathVariable int year, @AuthenticationPrincipal DubanUser user, Model model) {
    return yearPage(year, user, model, null, null, List.of());
  }

  /** The table: one row a day; blank rows are ignored. */
  @PostMapping("/{year:\\d{4}}")
  String storeTable(@PathVariable int year, @RequestParam MultiValueMap<String, String> form,
                    @AuthenticationPrincipal DubanUser user, Model model, RedirectAttributes redirect) {
    List<DayRow> rows = rows(form);
    String papers = Optional.ofNullable(form.getFirst("papers")).orElse("");
    List<Integer> rowOfDay = new ArrayList<>();
    ObjectNode document = document(year, rows, papers, rowOfDay);
    try {
      CalendarYear stored = calendar.store(year, document, user);
      redirect.addFlashAttribute("message", saved(stored));
      return "redirect:/admin/calendar/" + year;
    } catch (InvalidInputException e) {
      model.addAttribute("error", e.getMessage());
      return yearPage(year, user, model, rows, papers, problems(e, field -> tableWhere(field, rowOfDay)));
    }
  }

  /** The published JSON file of a year (as in holiday-cn, or as {@code GET /api/calendar/{year}} shows it). */
  @PostMapping("/{year:\\d{4}}/upload")
  String upload(@PathVariable int year, @RequestParam(name = "file", required = false) MultipartFile file,
                @AuthenticationPrincipal DubanUser user, Model model, RedirectAttributes redirect) throws IOException {
    List<Problem> problems = new ArrayList<>();
    JsonNode document = null;
    if (file == null || file.isEmpty()) {
      problems.add(new Problem("文件", "请选择要上传的 JSON 文件（如 " + year + ".json）。"));
    } else if (file.getSize() > MAX_FILE_BYTES) {
      problems.add(new Problem("文件", "文件有 " + file.getSize() / 1024 + " KB，不像一年的节假日安排（通常不到 10 KB），"
          + "请确认选择了正确的文件。"));
    } else {
      try {
        document = json.readTree(file.getBytes());
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? ""
            : "（第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列附近有误）";
        problems.add(new Problem("文件", "「" + file.getOriginalFilename() + "」不是有效的 JSON 文件" + where
            + "，请上传国务院办公厅通知整理成的 JSON 文件，格式见下方说明。"));
      }
    }
    if (problems.isEmpty()) {
      try {
        CalendarYear stored = calendar.store(year, document, user);
        redirect.addFlashAttribute("message", saved(stored));
        return "redirect:/admin/calendar/" + year;
      } catch (InvalidInputException e) {
        model.addAttribute("error", "上传的文件中" + e.getMessage());
        problems.addAll(problems(e, CalendarPagesController::fileWhere));
      }
    } else {
      model.addAttribute("error", "文件未能读取，未保存任何内容。");
    }
    return yearPage(year, user, model, null, null, problems);
  }

  /** Removes what an admin stored for a year; the file shipped with the release, if any, applies again. */
  @PostMapping("/{year:\\d{4}}/remove")
  String remove(@PathVariable int year, @AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) {
    try {
      calendar.remove(year, user);
    } catch (NotFoundException e) {
      redirect.addFlashAttribute("error", e.getMessage()); // removed already, e.g. by a second click
      return "redirect:/admin/calendar/" + year;
    }
    redirect.addFlashAttribute("message", calendar.year(year).isPresent()
        ? "已删除录入的 " + year + " 年节假日安排，恢复使用随版本发布的安排。"
        : "已删除录入的 " + year + " 年节假日安排；该年现按周一至周五计算工作日。");
    return "redirect:/admin/calendar/" + year;
  }

  /** The year's page; the table shows {@code rows} and {@code papers} as typed, or (null) what is loaded now. */
  private String yearPage(int year, DubanUser user, Model model, List<DayRow> typed, String typedPapers,
                          List<Problem> problems) {
    Optional<CalendarYear> loaded = calendar.year(year);
    List<DayRow> rows = typed != null ? typed : loaded.map(y -> y.days().stream()
        .map(d -> new DayRow(d.date().toString(), d.name(), String.valueOf(d.offDay()))).toList()).orElse(List.of());
    String papers = typedPapers != null ? typedPapers : loaded.map(y -> String.join("\n", y.papers())).orElse("");
    List<DayRow> shown = new ArrayList<>(rows);
    while (shown.size() < Math.max(MIN_ROWS, rows.size() + BLANK_ROWS)) {
      shown.add(new DayRow("", "", "true"));
    }
    model.addAttribute("user", user);
    model.addAttribute("year", year);
    model.addAttribute("loaded", loaded.orElse(null));
    model.addAttribute("source", loaded.map(CalendarPagesController::sourceLabel).orElse(null));
    model.addAttribute("updatedBy", loaded.map(CalendarYear::updatedBy).map(organisation::personName).orElse(null));
    model.addAttribute("rows", shown);
    model.addAttribute("papers", papers);
    model.addAttribute("problems", problems);
    model.addAttribute("zone", clock.zone());
    return "admin/calendar-year";
  }

  // --- the table as the published layout ----------------------------------------------------------------------

  /** The rows as typed; the form sends the three columns as parallel lists. */
  static List<DayRow> rows(MultiValueMap<String, String> form) {
    List<String> dates = form.getOrDefault("date", List.of());
    List<String> names = form.getOrDefault("name", List.of());
    List<String> offDays = form.getOrDefault("offDay", List.of());
    int n = Math.max(dates.size(), Math.max(names.size(), offDays.size()));
    List<DayRow> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(n, ArrangementRules.DAYS_MAX + MIN_ROWS); i++) {
      rows.add(new DayRow(at(dates, i), at(names, i), at(offDays, i)));
    }
    return rows;
  }

  /**
   * The document {@link ArrangementRules} checks: the non-blank rows as days (a blank field is left out, so the
   * rules name it), and which table row each day came from.
   */
  static ObjectNode document(int year, List<DayRow> rows, String papers, List<Integer> rowOfDay) {
    ObjectNode document = new ObjectMapper().createObjectNode();
    document.put("year", year);
    ArrayNode paperList = document.putArray("papers");
    papers.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(paperList::add);
    ArrayNode days = document.putArray("days");
    for (int i = 0; i < rows.size(); i++) {
      DayRow row = rows.get(i);
      if (row.date().isBlank() && row.name().isBlank()) {
        continue;
      }
      ObjectNode day = days.addObject();
      if (!row.date().isBlank()) {
        day.put("date", row.date().strip());
      }
      if (!row.name().isBlank()) {
        day.put("name", row.name().strip());
      }
      if ("true".equals(row.offDay()) || "false".equals(row.offDay())) {
        day.put("isOffDay", Boolean.parseBoolean(row.offDay()));
      }
      rowOfDay.add(i + 1);
    }
    return document;
  }

  private static String at(List<String> values, int i) {
    return i < values.size() && values.get(i) != null ? values.get(i) : "";
  }

  // --- problems as the page shows them ------------------------------------------------------------------------

  private static List<Problem> problems(InvalidInputException e, Function<String, String> where) {
    return e.problems().stream().map(p -> new Problem(where.apply(p.field()), p.message())).toList();
  }

  /** {@code days[3].date} → 第 5 行 日期 (the table row it came from). */
  static String tableWhere(String field, List<Integer> rowOfDay) {
    Matcher day = DAY_FIELD.matcher(field == null ? "" : field);
    if (day.matches()) {
      int index = Integer.parseInt(day.group(1));
      String row = index < rowOfDay.size() ? "第 " + rowOfDay.get(index) + " 行" : "第 " + (index + 1) + " 天";
      return row + part(day.group(2));
    }
    return general(field);
  }

  /** {@code days[3].date} → 第 4 项（days[3]）的日期 (where it is in the file). */
  static String fileWhere(String field) {
    Matcher day = DAY_FIELD.matcher(field == null ? "" : field);
    if (day.matches()) {
      int index = Integer.parseInt(day.group(1));
      return "days 第 " + (index + 1) + " 项" + part(day.group(2));
    }
    return general(field);
  }

  private static String part(String name) {
    if (name == null) {
      return "";
    }
    return switch (name) {
      case "date" -> " 日期";
      case "name" -> " 名称";
      case "isOffDay" -> " 放假/上班";
      default -> " " + name;
    };
  }

  private static String general(String field) {
    if (field == null) {
      return "内容";
    }
    Matcher paper = PAPER_FIELD.matcher(field);
    if (paper.matches()) {
      return "第 " + (Integer.parseInt(paper.group(1)) + 1) + " 个通知网址";
    }
    return switch (field) {
      case "year" -> "年份";
      case "days" -> "节假日";
      case "papers" -> "通知网址";
      default -> "内容";
    };
  }

  private static String sourceLabel(CalendarYear year) {
    return year.source() == CalendarYear.Source.DATABASE
        ? (year.overridesClasspath() ? "管理员录入（替代随版本发布的安排）" : "管理员录入")
        : "随版本发布";
  }

  private static String saved(CalendarYear stored) {
    long off = stored.days().stream().filter(HolidayDay::offDay).count();
    return "已保存 " + stored.year() + " 年的节假日安排：放假 " + off + " 天，调休上班 " + (stored.days().size() - off)
        + " 天，立即生效。";
  }
}
