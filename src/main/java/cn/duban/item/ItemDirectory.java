package cn.duban.item;

/** What the item rules need to know about the organisation. */
public interface ItemDirectory {

  boolean unitExists(String unitId);

  boolean userExists(String userId);

  boolean isMember(String userId, String unitId);

  boolean isLeader(String userId);

  /** A unit's name for messages (its id if it has none). */
  default String unitName(String unitId) {
    return unitId;
  }

  /** A person's name for messages (their user id if unknown). */
  default String personName(String userId) {
    return userId;
  }

  /** Whether a task list (任务清单) with this code has been issued. */
  boolean listExists(String listCode);
}
