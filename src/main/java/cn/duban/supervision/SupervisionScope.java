package cn.duban.supervision;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.duban.item.ItemScope;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.DubanUser;

/**
 * Who sees what on the 督办台, decided on the server for every page and JSON call: the office, leaders, auditors
 * (and admins) see every unit; a unit head (科室负责人) the items their units lead, and their own; anybody else the
 * items assigned to them.
 */
@Component
class SupervisionScope {

  /** A reader's scope: the condition on items and how the pages name it. */
  record Scope(ItemScope items, String label) {
  }

  private final OrganisationService organisation;

  SupervisionScope(OrganisationService organisation) {
    this.organisation = organisation;
  }

  Scope of(DubanUser user) {
    if (user.seesAllUnits()) {
      return new Scope(ItemScope.everything(), "全局（全部部门）");
    }
    List<String> headed = organisation.headedUnits(user.id());
    if (!headed.isEmpty()) {
      return new Scope(new ItemScope(headed, List.of(), user.id()),
          "本部门（" + String.join("、", headed.stream().map(organisation::unitName).toList()) + "）及本人承办");
    }
    return new Scope(new ItemScope(List.of(), List.of(), user.id()), "本人承办的事项");
  }
}
