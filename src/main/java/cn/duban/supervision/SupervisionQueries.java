package cn.duban.supervision;

import org.springframework.stereotype.Component;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;

/** The common query parameters of the 督办台's pages and JSON: the reader's scope, the list and the period. */
@Component
class SupervisionQueries {

  private final SupervisionScope scopes;
  private final SupervisionService supervision;
  private final BureauClock clock;

  SupervisionQueries(SupervisionScope scopes, SupervisionService supervision, BureauClock clock) {
    this.scopes = scopes;
    this.supervision = supervision;
    this.clock = clock;
  }

  SupervisionScope.Scope scope(DubanUser user) {
    return scopes.of(user);
  }

  Period period(String period, String from, String to) {
    return Period.parse(period, from, to, clock.today());
  }

  /** The list filter: blank means every list; an unknown code is refused (400) rather than answered with zeros. */
  String listCode(String list) {
    if (list == null || list.isBlank()) {
      return null;
    }
    String code = list.strip();
    if (supervision.lists().stream().noneMatch(l -> code.equals(l.get("code")))) {
      throw new InvalidQueryException(new FieldProblem("list", list, "任务清单「" + code + "」不存在"));
    }
    return code;
  }
}
