package cn.duban.system.security;

import java.util.Set;

/** The role groups (Camunda groups of type {@code role}) and the group types duban knows. */
public final class Roles {

  /** 督查室: issues lists, signs items off. */
  public static final String OFFICE = "duban-office";
  /** 局领导 and 分管领导. */
  public static final String LEADERS = "leaders";
  /** 审计 / 纪检: read everything, change nothing. */
  public static final String AUDITORS = "auditors";
  /** 管理员: Camunda's administrator group. */
  public static final String ADMIN = "camunda-admin";

  public static final Set<String> ALL = Set.of(OFFICE, LEADERS, AUDITORS, ADMIN);

  public static final String TYPE_UNIT = "unit";
  public static final String TYPE_ROLE = "role";

  private Roles() {
  }

  /** Spring Security authority of a Camunda group. */
  public static String authority(String groupId) {
    return "GROUP_" + groupId;
  }
}
