package cn.duban.organisation;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.NotFoundException;

/** Units with their heads and members; the signed-in person. Changing heads is for admins (/api/admin/**). */
@RestController
@RequestMapping("/api")
class OrganisationController {

  private final OrganisationService organisation;

  OrganisationController(OrganisationService organisation) {
    this.organisation = organisation;
  }

  record UnitView(String id, String name, List<String> heads) {
  }

  record UnitDetail(String id, String name, List<String> heads, List<Person> members) {
  }

  record HeadsRequest(List<String> heads) {
  }

  @GetMapping("/me")
  DubanUser me(@AuthenticationPrincipal DubanUser user) {
    return user;
  }

  @GetMapping("/units")
  List<UnitView> units() {
    return organisation.units().stream().map(u -> new UnitView(u.id(), u.name(), organisation.heads(u.id()))).toList();
  }

  @GetMapping("/units/{id}")
  UnitDetail unit(@PathVariable String id) {
    Unit unit = organisation.unit(id).orElseThrow(() -> new NotFoundException("部门「" + id + "」不存在。"));
    return new UnitDetail(unit.id(), unit.name(), organisation.heads(id), organisation.members(id));
  }

  @PutMapping("/admin/units/{id}/heads")
  Map<String, Object> setHeads(@PathVariable String id, @RequestBody HeadsRequest request) {
    organisation.setHeads(id, request.heads());
    return Map.of("unitId", id, "heads", organisation.heads(id));
  }
}
