package cn.duban.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import cn.duban.item.TimelineKinds;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.InvalidInputException;

/** The 审计 page: search the history, export the result, see the latest exports. */
@Controller
class AuditPagesController {

  private final AuditSearch search;
  private final AuditExport export;
  private final OrganisationService organisation;

  AuditPagesController(AuditSearch search, AuditExport export, OrganisationService organisation) {
    this.search = search;
    this.export = export;
    this.organisation = organisation;
  }

  @GetMapping("/audit")
  String audit(@RequestParam(required = false) String person, @RequestParam(required = false) String unit,
               @RequestParam(required = false) String item, @RequestParam(required = false) String list,
               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
               @RequestParam(required = false) String kind, @RequestParam(defaultValue = "0") int page,
               @AuthenticationPrincipal DubanUser user, Model model) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("person", person);
    query.put("unit", unit);
    query.put("item", item);
    query.put("list", list);
    query.put("from", from);
    query.put("to", to);
    query.put("kind", kind);
    model.addAttribute("user", user);
    model.addAttribute("q", query);
    model.addAttribute("units", organisation.units());
    model.addAttribute("kinds", TimelineKinds.SEARCHABLE);
    try {
      AuditPage result = search.page(AuditController.filter(person, unit, item, list, from, to, kind),
          Math.max(0, page), 50, user);
      model.addAttribute("result", result);
    } catch (InvalidInputException e) {
      model.addAttribute("error", e.getMessage());
      model.addAttribute("problems", e.problems());
    }
    UriComponentsBuilder exportLink = UriComponentsBuilder.fromPath("/api/audit/export");
    UriComponentsBuilder pageLink = UriComponentsBuilder.fromPath("/audit");
    query.forEach((key, value) -> {
      if (value != null && !value.isBlank()) {
        exportLink.queryParam(key, value);
        pageLink.queryParam(key, value);
      }
    });
    model.addAttribute("xlsxLink", exportLink.cloneBuilder().queryParam("format", "xlsx").encode().toUriString());
    model.addAttribute("csvLink", exportLink.cloneBuilder().queryParam("format", "csv").encode().toUriString());
    model.addAttribute("pageLink", pageLink.encode().toUriString());
    if (user.seesAllUnits()) {
      model.addAttribute("exports", export.exports().stream().limit(10).toList());
    }
    return "audit";
  }
}
