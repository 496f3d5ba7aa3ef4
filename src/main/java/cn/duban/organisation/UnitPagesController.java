package cn.duban.organisation;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * 部门: the units with their codes, heads and members; and for admins (/admin/** is admin-only) the page that sets
 * each unit's heads (科室负责人), with the same rule as {@code PUT /api/admin/units/{id}/heads}.
 */
@Controller
class UnitPagesController {

  private final OrganisationService organisation;

  UnitPagesController(OrganisationService organisation) {
    this.organisation = organisation;
  }

  /** {@code heads} are user ids, {@code headNames} their names. */
  record UnitRow(String id, String name, List<String> heads, List<String> headNames, List<Person> members) {
  }

  @GetMapping("/units")
  String units(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("units", rows());
    return "units";
  }

  @GetMapping("/admin/units")
  String heads(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("units", rows());
    return "admin/units";
  }

  /** The ticked members become the unit's heads; none ticked: the unit has no head. */
  @PostMapping("/admin/units/{id}/heads")
  String setHeads(@PathVariable String id, @RequestParam MultiValueMap<String, String> form,
                  RedirectAttributes redirect) {
    List<String> heads = form.getOrDefault("heads", List.of());
    String unitName = organisation.unit(id).map(Unit::name).orElse(id);
    try {
      organisation.setHeads(id, heads);
      List<String> names = organisation.heads(id).stream().map(organisation::personName).toList();
      redirect.addFlashAttribute("message", names.isEmpty()
          ? "已清除「" + unitName + "」的科室负责人：该部门的事项逾期催办、督办时只通知承办人。"
          : "已保存「" + unitName + "」的科室负责人：" + String.join("、", names) + "。");
      redirect.addFlashAttribute("saved", id);
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("error", "「" + unitName + "」的科室负责人未保存：" + e.getMessage());
      redirect.addFlashAttribute("problems", e.problems().stream().map(FieldProblem::message).toList());
    }
    return "redirect:/admin/units#unit-" + id;
  }

  private List<UnitRow> rows() {
    return organisation.units().stream().map(u -> {
      List<String> heads = organisation.heads(u.id());
      return new UnitRow(u.id(), u.name(), heads, heads.stream().map(organisation::personName).toList(),
          organisation.members(u.id()));
    }).toList();
  }
}
