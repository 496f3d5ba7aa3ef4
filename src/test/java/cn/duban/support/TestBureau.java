package cn.duban.support;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.Roles;

/**
 * A small bureau for tests: two units with two members each, the office, a leader and an auditor.
 * Every test user's password is {@link #PASSWORD}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBureau {

  public static final String PASSWORD = "test-pass";

  /** 甲科 with alice (head) and andy; 乙科 with bob. */
  public static final String UNIT_A = "JIAK";
  public static final String UNIT_B = "YIK";
  public static final String ALICE = "alice";
  public static final String ANDY = "andy";
  public static final String BOB = "bob";
  /**
   * Used only with wrong passwords. duban's login throttling lets a user name fail 5 times for free; from the 6th
   * failure on the next attempt waits (429). A test that needs more failures creates a user of its own.
   */
  public static final String EVE = "eve";
  public static final String OFFICE = "olivia";
  public static final String LEADER = "leo";
  public static final String AUDITOR = "audrey";
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "test-admin-password";

  @Bean
  ApplicationRunner testBureauSetup(OrganisationService organisation) {
    return (ApplicationArguments args) -> {
      organisation.ensureGroup(UNIT_A, "甲科", Roles.TYPE_UNIT);
      organisation.ensureGroup(UNIT_B, "乙科", Roles.TYPE_UNIT);
      user(organisation, ALICE, "爱", "丽", UNIT_A);
      user(organisation, ANDY, "安", "迪", UNIT_A);
      user(organisation, BOB, "鲍", "勃", UNIT_B);
      user(organisation, EVE, "易", "娃", UNIT_B);
      user(organisation, OFFICE, "欧", "丽", Roles.OFFICE);
      user(organisation, LEADER, "李", "领", Roles.LEADERS);
      user(organisation, AUDITOR, "审", "计", Roles.AUDITORS);
      if (organisation.heads(UNIT_A).isEmpty()) {
        organisation.setHeads(UNIT_A, java.util.List.of(ALICE));
      }
    };
  }

  private static void user(OrganisationService organisation, String id, String last, String first, String group) {
    if (!organisation.userExists(id)) {
      organisation.createUser(id, last + first, id + "@example.gov.cn", PASSWORD);
    }
    organisation.ensureMembership(id, group);
  }
}
