package cn.duban.organisation;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.duban.system.security.DubanUser;

/** 部门: the units with their codes (used in forms), heads and members. */
@Controller
class UnitPagesController {

  private final OrganisationService organisation;

  UnitPagesController(OrganisationService organisation) {
    this.organisation = organisation;
  }

  record UnitRow(String id, String name, List<String> heads, List<Person> members) {
  }

  @GetMapping("/units")
  String units(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("units", organisation.units().stream()
        .map(u -> new UnitRow(u.id(), u.name(), organisation.heads(u.id()).stream().map(organisation::personName).toList(),
            organisation.members(u.id())))
        .toList());
    return "units";
  }
}
