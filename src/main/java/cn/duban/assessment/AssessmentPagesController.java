package cn.duban.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.duban.item.TaskLists;
import cn.duban.supervision.Period;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.ConflictException;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * The 考核 pages: the ranking and tables ({@code /assessment}), the items behind one figure
 * ({@code /assessment/items}), and the admin's rules form ({@code /admin/assessment-rules}, admins only by path).
 */
@Controller
class AssessmentPagesController {

  private final AssessmentService assessment;
  private final AssessmentRulesService rules;
  private final AssessmentQueries queries;
  private final AssessmentItems items;
  private final TaskLists taskLists;
  private final BureauClock clock;
  private final ObjectMapper json;

  AssessmentPagesController(AssessmentService assessment, AssessmentRulesService rules, AssessmentQueries queries,
                            AssessmentItems items, TaskLists taskLists, BureauClock clock, ObjectMapper json) {
    this.assessment = assessment;
    this.rules = rules;
    this.queries = queries;
    this.items = items;
    this.taskLists = taskLists;
    this.clock = clock;
    this.json = json;
  }

  @GetMapping("/assessment")
  String page(@RequestParam(name = "list", required = false) String list,
              @RequestParam(required = false) String period, @RequestParam(required = false) String from,
              @RequestParam(required = false) String to, @AuthenticationPrincipal DubanUser user, Model model)
      throws JsonProcessingException {
    Assessment a = filtered(list, period, from, to, user, model);
    model.addAttribute("figures", Figure.values());
    model.addAttribute("title", AssessmentWorkbook.title(a));
    // the chart's data, inlined as JSON: "<" escaped so that no name can close the script element
    model.addAttribute("chartJson", json.writeValueAsString(Map.of(
        "units", a.units().stream().map(s -> Map.of("name", s.name(), "score", s.score())).toList(),
        "people", a.people().stream().map(s -> Map.of("name", s.name(), "score", s.score())).toList()))
        .replace("<", "\\u003c"));
    return "assessment/assessment";
  }

  /** The items behind one figure of one unit or person the reader may see. */
  @GetMapping("/assessment/items")
  String items(@RequestParam(name = "list", required = false) String list,
               @RequestParam(required = false) String period, @RequestParam(required = false) String from,
               @RequestParam(required = false) String to, @RequestParam(required = false) String unit,
               @RequestParam(required = false) String person, @RequestParam(required = false) String figure,
               @AuthenticationPrincipal DubanUser user, Model model) {
    Assessment a = filtered(list, period, from, to, user, model);
    @SuppressWarnings("unchecked")
    List<String> errors = (List<String>) model.getAttribute("errors");
    Figure f = null;
    try {
      f = Figure.valueOf(figure == null ? "" : figure.strip());
    } catch (IllegalArgumentException e) {
      errors.add("指标「" + figure + "」无效。");
    }
    Optional<Assessment.Score> score = (unit != null ? a.units() : a.people()).stream()
        .filter(s -> s.id().equals(unit != null ? unit : person)).findFirst();
    if (score.isEmpty()) {
      errors.add("没有可查看的" + (unit != null ? "部门" : "人员") + "「" + (unit != null ? unit : person) + "」。");
    }
    model.addAttribute("figure", f);
    model.addAttribute("score", score.orElse(null));
    model.addAttribute("lines", f == null || score.isEmpty() ? List.of()
        : items.lines(score.get().figures().get(f).items()));
    return "assessment/items";
  }

  private Assessment filtered(String list, String period, String from, String to, DubanUser user, Model model) {
    List<String> errors = new ArrayList<>();
    String listCode = null;
    Period chosen;
    try {
      listCode = queries.listCode(list);
    } catch (InvalidInputException e) {
      errors.add(e.getMessage());
    }
    try {
      chosen = queries.period(period, from, to);
    } catch (InvalidInputException e) {
      errors.add(e.getMessage());
      chosen = queries.period(null, null, null);
    }
    Assessment a = assessment.assess(user, listCode, chosen);
    model.addAttribute("user", user);
    model.addAttribute("errors", errors);
    model.addAttribute("lists", taskLists.all().stream()
        .map(l -> Map.<String, Object>of("code", l.code(), "name", l.name())).toList());
    model.addAttribute("listCode", listCode);
    model.addAttribute("period", chosen);
    model.addAttribute("periodParam", from == null && to == null ? chosen.key() : null);
    model.addAttribute("fromParam", from);
    model.addAttribute("toParam", to);
    model.addAttribute("assessment", a);
    return a;
  }

  @GetMapping("/admin/assessment-rules")
  String rulesPage(@AuthenticationPrincipal DubanUser user, Model model) {
    AssessmentRules latest = rules.versions().get(0);
    Map<String, Object> form = new LinkedHashMap<>();
    latest.values().forEach((f, v) -> form.put(f.json(), v.toPlainString()));
    form.put("validFrom", clock.today().toString());
    return rulesForm(user, model, form, latest.version(), List.of(), null);
  }

  /** The form posts every field as text; the same checks as the PUT, the problems shown beside the form. */
  @PostMapping("/admin/assessment-rules")
  String changeRules(@RequestParam Map<String, String> fields, @AuthenticationPrincipal DubanUser user, Model model) {
    ObjectNode body = json.createObjectNode();
    fields.forEach((k, v) -> {
      if (!k.equals("_csrf")) {
        body.put(k, v);
      }
    });
    Map<String, Object> form = new LinkedHashMap<>(fields);
    int basedOn = parseVersion(fields.get("version"));
    try {
      AssessmentRules added = rules.change(AssessmentRules.parse(body.put("version", basedOn)), user.id());
      return rulesForm(user, model, form, added.version(), List.of(),
          "已保存为第 " + added.version() + " 版，自 " + added.validFrom() + " 起生效。");
    } catch (InvalidInputException e) {
      return rulesForm(user, model, form, basedOn, e.problems(), null);
    } catch (ConflictException e) {
      return rulesForm(user, model, form, basedOn, List.of(new FieldProblem("version", basedOn, e.getMessage())),
          null);
    }
  }

  private static int parseVersion(String version) {
    try {
      return Integer.parseInt(version == null ? "" : version.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private String rulesForm(DubanUser user, Model model, Map<String, Object> form, int version,
                           List<FieldProblem> problems, String saved) {
    model.addAttribute("user", user);
    model.addAttribute("form", form);
    model.addAttribute("version", version);
    model.addAttribute("fields", AssessmentRules.Field.values());
    model.addAttribute("problems", problems);
    model.addAttribute("saved", saved);
    model.addAttribute("versions", rules.versions());
    model.addAttribute("inForce", rules.inForce(clock.today()));
    return "assessment/rules";
  }
}
