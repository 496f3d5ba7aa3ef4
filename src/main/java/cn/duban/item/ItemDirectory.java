package cn.duban.item;

/** What the item rules need to know about the organisation. */
public interface ItemDirectory {

  boolean unitExists(String unitId);

  boolean userExists(String userId);

  boolean isMember(String userId, String unitId);

  boolean isLeader(String userId);

  /** Whether a task list (任务清单) with this code has been issued. */
  boolean listExists(String listCode);
}
