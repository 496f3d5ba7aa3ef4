package cn.duban.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.duban.system.DemoMode;
import cn.duban.system.DubanProperties;
import cn.duban.system.security.Roles;

/**
 * On start-up: the role groups exist, and so does the first admin ({@code DUBAN_ADMIN_USER} /
 * {@code DUBAN_ADMIN_PASSWORD}). Outside demo mode duban refuses to start without an admin password; the
 * password is never logged. An existing admin keeps the password set in Camunda Admin.
 */
@Component
@Order(0)
class OrganisationSetup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OrganisationSetup.class);

  private final OrganisationService organisation;
  private final String adminUser;
  private final String adminPassword;

  OrganisationSetup(OrganisationService organisation, DubanProperties properties, DemoMode demoMode) {
    this.organisation = organisation;
    this.adminUser = properties.admin().user();
    String password = properties.admin().password();
    if (password == null || password.isBlank()) {
      if (!demoMode.enabled()) {
        throw new IllegalStateException("DUBAN_ADMIN_PASSWORD is not set: outside demo mode duban needs the "
            + "password of its first administrator (" + adminUser + ") and will not start without it.");
      }
      password = properties.demo().password();
    }
    this.adminPassword = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    organisation.ensureGroup(Roles.OFFICE, "督查室", Roles.TYPE_ROLE);
    organisation.ensureGroup(Roles.LEADERS, "局领导", Roles.TYPE_ROLE);
    organisation.ensureGroup(Roles.AUDITORS, "审计", Roles.TYPE_ROLE);
    organisation.ensureGroup(Roles.ADMIN, "管理员", Roles.TYPE_ROLE);
    if (!organisation.userExists(adminUser)) {
      organisation.createUser(adminUser, "系统管理员", null, adminPassword);
      log.info("Created the first administrator '{}' (password from DUBAN_ADMIN_PASSWORD, not logged)", adminUser);
    }
    organisation.ensureMembership(adminUser, Roles.ADMIN);
  }
}
