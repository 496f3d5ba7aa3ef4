package cn.duban.system.engine;

import java.util.List;

import org.camunda.bpm.engine.impl.identity.Authentication;

import cn.duban.system.security.Roles;

/** The person on whose behalf an engine command runs, as the engine sees them (user id and groups). */
public record EngineCaller(String userId, List<String> groupIds) {

  public EngineCaller {
    groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
  }

  static EngineCaller of(Authentication authentication) {
    return authentication == null || authentication.getUserId() == null ? null
        : new EngineCaller(authentication.getUserId(), authentication.getGroupIds());
  }

  public boolean isAdmin() {
    return groupIds.contains(Roles.ADMIN);
  }

  /** 督查室 or an administrator: the people who route items (改派, due dates, candidates). */
  public boolean isOfficeOrAdmin() {
    return groupIds.contains(Roles.OFFICE) || isAdmin();
  }

  /** Office, leaders, auditors and admins read the whole bureau's figures. */
  public boolean seesAllUnits() {
    return isOfficeOrAdmin() || groupIds.contains(Roles.LEADERS) || groupIds.contains(Roles.AUDITORS);
  }
}
