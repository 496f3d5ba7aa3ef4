package cn.duban.item;

import java.util.List;

import cn.duban.system.security.DubanUser;

/**
 * Which items a reader may see, as a condition on the read model: every item ({@link #everything()}), or the items
 * whose lead unit is one of {@code units}, whose co-units meet {@code coUnits}, or that are assigned to
 * {@code userId}.
 */
public record ItemScope(List<String> units, List<String> coUnits, String userId) {

  public ItemScope {
    units = units == null ? null : List.copyOf(units);
    coUnits = coUnits == null ? List.of() : List.copyOf(coUnits);
  }

  public static ItemScope everything() {
    return new ItemScope(null, null, null);
  }

  /** The item pages' rule: office, leaders, auditors and admins see all; others their units' items and their own. */
  public static ItemScope of(DubanUser user) {
    return user.seesAllUnits() ? everything() : new ItemScope(user.unitIds(), user.unitIds(), user.id());
  }

  public boolean all() {
    return units == null;
  }

  /** Appends {@code and (...)} on the columns of {@code duban.item} (prefixed with {@code alias.} if given). */
  public void appendWhere(String alias, StringBuilder where, List<Object> args) {
    if (all()) {
      return;
    }
    String p = alias == null ? "" : alias + ".";
    where.append(" and (").append(p).append("unit_id = any(?::varchar[]) or ").append(p)
        .append("co_unit_ids && ?::varchar[] or ").append(p).append("assignee = ?)");
    // Java arrays are bound as SQL arrays by the PostgreSQL driver
    args.add(units.toArray(String[]::new));
    args.add(coUnits.toArray(String[]::new));
    args.add(userId);
  }
}
