package cn.duban.item;

/**
 * The task lists, as the lists module knows them: item (and the modules built on item, such as the 督办台) ask
 * through this instead of reading the lists' table (lists depends on item, so item names what it needs and lists
 * provides it).
 */
public interface TaskLists {

  boolean exists(String listCode);

  /** Every task list, newest first (filters of the 督办台 and the item pages). */
  java.util.List<ListName> all();

  record ListName(String code, String name) {
  }
}
