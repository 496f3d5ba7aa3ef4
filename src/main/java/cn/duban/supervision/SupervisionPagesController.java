package cn.duban.supervision;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.duban.item.ItemFilter;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemStatus;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.DubanUser;
import cn.duban.system.security.Roles;

/**
 * The 督办台's pages: the dashboard ({@code /dashboard}), its item table ({@code /dashboard/items}) and the 通报
 * ({@code /bulletin}), each for the signed-in person's scope, decided on the server.
 */
@Controller
class SupervisionPagesController {

  private static final int PAGE_SIZE = 50;

  private final SupervisionService supervision;
  private final SupervisionQueries queries;
  private final ItemQueries items;
  private final OrganisationService organisation;
  private final ObjectMapper json;

  SupervisionPagesController(SupervisionService supervision, SupervisionQueries queries, ItemQueries items,
                             OrganisationService organisation, ObjectMapper json) {
    this.json = json;
    this.supervision = supervision;
    this.queries = queries;
    this.items = items;
    this.organisation = organisation;
  }

  @GetMapping("/dashboard")
  String dashboard(@RequestParam(name = "list", required = false) String list,
                   @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user, Model model)
      throws JsonProcessingException {
    Filters filters = filters(list, period, from, to, model);
    Figures.Dashboard dashboard = supervision.dashboard(queries.scope(user), filters.listCode(), filters.period());
    model.addAttribute("user", user);
    model.addAttribute("dashboard", dashboard);
    // the charts' data, inlined as JSON: "<" escaped so that no text of an item can close the script element
    model.addAttribute("dashboardJson", json.writeValueAsString(dashboard).replace("<", "\\u003c"));
    return "supervision/dashboard";
  }

  @GetMapping("/bulletin")
  String bulletin(@RequestParam(name = "list", required = false) String list,
                  @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user, Model model) {
    Filters filters = filters(list, period, from, to, model);
    var bulletin = supervision.bulletin(queries.scope(user), filters.listCode(), filters.period());
    model.addAttribute("user", user);
    model.addAttribute("bulletin", bulletin);
    model.addAttribute("title", BulletinWorkbook.title(bulletin));
    return "supervision/bulletin";
  }

  /** The item table: every filter of the read model, within the reader's 督办台 scope. */
  @GetMapping("/dashboard/items")
  String items(@RequestParam(name = "list", required = false) String list,
               @RequestParam(required = false) String unit, @RequestParam(required = false) String status,
               @RequestParam(required = false) String light, @RequestParam(required = false) String leader,
               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
               @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
               @AuthenticationPrincipal DubanUser user, Model model) {
    List<String> errors = new ArrayList<>();
    ItemStatus statusFilter = parse(ItemStatus.class, status, "状态", errors);
    ItemLight lightFilter = parse(ItemLight.class, light, "灯号", errors);
    LocalDate deadlineFrom = date(from, "完成时限起", errors);
    LocalDate deadlineTo = date(to, "完成时限止", errors);
    var filter = new ItemFilter(blank(unit), statusFilter, lightFilter, blank(list), null, blank(leader),
        deadlineFrom, deadlineTo, blank(q), Math.max(page, 0), PAGE_SIZE);
    var scope = queries.scope(user);
    model.addAttribute("user", user);
    model.addAttribute("scope", scope.label());
    model.addAttribute("page", items.list(filter, scope.items()));
    model.addAttribute("filter", filter);
    model.addAttribute("errors", errors);
    model.addAttribute("lists", supervision.lists());
    model.addAttribute("units", organisation.units());
    model.addAttribute("leaders", organisation.members(Roles.LEADERS));
    model.addAttribute("statuses", ItemStatus.values());
    model.addAttribute("lights", ItemLight.values());
    return "supervision/items";
  }

  record Filters(String listCode, Period period) {
  }

  /** Bad filters on a page are shown on the page (the default period is used instead), not answered with 400. */
  private Filters filters(String list, String period, String from, String to, Model model) {
    List<String> errors = new ArrayList<>();
    String listCode = null;
    Period chosen;
    try {
      listCode = queries.listCode(list);
    } catch (InvalidQueryException e) {
      errors.add(e.getMessage());
    }
    try {
      chosen = queries.period(period, from, to);
    } catch (InvalidQueryException e) {
      errors.add(e.getMessage());
      chosen = queries.period(null, null, null);
    }
    model.addAttribute("errors", errors);
    model.addAttribute("lists", supervision.lists());
    model.addAttribute("listCode", listCode);
    model.addAttribute("period", chosen);
    model.addAttribute("periodParam", from == null && to == null ? chosen.key() : null);
    model.addAttribute("fromParam", from);
    model.addAttribute("toParam", to);
    return new Filters(listCode, chosen);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String what, List<String> errors) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(what + "「" + value + "」无效，已忽略。");
      return null;
    }
  }

  private static LocalDate date(String value, String what, List<String> errors) {
    if (blank(value) == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(what + "「" + value + "」不是日期（应写作 2026-12-31），已忽略。");
      return null;
    }
  }
}
