package cn.duban.system.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in person: a Camunda user with their groups, split into units (责任部门) and roles.
 * Kept in the HTTP session, shared by duban's pages, its API and the Camunda webapps.
 */
public record DubanUser(String id, String name, List<String> unitIds, List<String> roleIds)
    implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  public DubanUser {
    unitIds = List.copyOf(unitIds);
    roleIds = List.copyOf(roleIds);
  }

  /**
   * A person's name for display. Chinese names are kept whole in the first name (so that Tasklist, which shows
   * "first last", shows 黄俊杰); a surname entered separately in Camunda Admin is put in front.
   */
  public static String displayName(String userId, String firstName, String lastName) {
    String first = firstName == null ? "" : firstName.strip();
    String last = lastName == null ? "" : lastName.strip();
    String name = last.isEmpty() || first.startsWith(last) ? first : last + first;
    return name.isEmpty() ? userId : name;
  }

  public List<String> groupIds() {
    var all = new java.util.ArrayList<String>(unitIds);
    all.addAll(roleIds);
    return List.copyOf(all);
  }

  public boolean hasRole(String role) {
    return roleIds.contains(role);
  }

  public boolean isAdmin() {
    return hasRole(Roles.ADMIN);
  }

  /** 督查室 or an administrator: issue and route items, sign them off. */
  public boolean isOfficeOrAdmin() {
    return hasRole(Roles.OFFICE) || isAdmin();
  }

  public boolean isAuditor() {
    return hasRole(Roles.AUDITORS);
  }

  /** Office, leaders, auditors and admins see every unit's items. */
  public boolean seesAllUnits() {
    return isOfficeOrAdmin() || hasRole(Roles.LEADERS) || hasRole(Roles.AUDITORS);
  }

  public boolean isMemberOf(String unitId) {
    return unitIds.contains(unitId);
  }

  public boolean isMemberOfAny(Set<String> units) {
    return unitIds.stream().anyMatch(units::contains);
  }

  public Collection<GrantedAuthority> authorities() {
    return groupIds().stream().map(g -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(g))).toList();
  }
}
