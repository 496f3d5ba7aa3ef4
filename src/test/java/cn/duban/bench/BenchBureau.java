package cn.duban.bench;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.Roles;

/**
 * A city bureau's shape for the bench: 20 units (U01 … U20) of 3 people each (the first is the head), the office,
 * a leader, and a cadre who belongs to two units (U01 and U02). Registered explicitly as a source of the bench's
 * contexts (no stereotype annotation, so the tests' component scan never picks it up).
 */
public class BenchBureau {

  static final String PASSWORD = "bench-pass-2026";
  static final int UNITS = 20;
  static final String OFFICE = "bench-office";
  static final String LEADER = "bench-leader";
  /** A member of U01 and U02: the user of the Tasklist and /api/items queries. */
  static final String CADRE = "bench-cadre";
  static final String AUDITOR = "bench-auditor";

  static String unit(int index) {
    return "U%02d".formatted(index % UNITS + 1);
  }

  static List<String> members(String unit) {
    List<String> members = new ArrayList<>();
    for (char c = 'a'; c <= 'c'; c++) {
      members.add(unit.toLowerCase() + c);
    }
    return members;
  }

  @Bean
  ApplicationRunner benchBureauSetup(OrganisationService organisation) {
    return args -> {
      for (int i = 0; i < UNITS; i++) {
        String unit = unit(i);
        organisation.ensureGroup(unit, "第" + (i + 1) + "科", Roles.TYPE_UNIT);
        for (String member : members(unit)) {
          user(organisation, member, unit);
        }
        if (organisation.heads(unit).isEmpty()) {
          organisation.setHeads(unit, List.of(members(unit).get(0)));
        }
      }
      user(organisation, OFFICE, Roles.OFFICE);
      user(organisation, LEADER, Roles.LEADERS);
      user(organisation, AUDITOR, Roles.AUDITORS);
      user(organisation, CADRE, unit(0));
      organisation.ensureMembership(CADRE, unit(1));
    };
  }

  private static void user(OrganisationService organisation, String id, String group) {
    if (!organisation.userExists(id)) {
      organisation.createUser(id, "基准" + id, id + "@bench.duban.cn", PASSWORD);
    }
    organisation.ensureMembership(id, group);
  }
}
