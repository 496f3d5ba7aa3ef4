package cn.duban.item;

/**
 * Hands an item that {@link ItemService#issue} has already checked to the register delegate of the process it starts,
 * on the same thread and inside the same engine call: the delegate then trusts it instead of reading and checking
 * variables again. A start from outside duban (Tasklist's start form, {@code /engine-rest}) finds nothing here, and
 * the delegate checks what the start form sent.
 */
final class PendingIssue {

  private static final ThreadLocal<ValidItem> CHECKED = new ThreadLocal<>();

  private PendingIssue() {
  }

  static <T> T with(ValidItem item, java.util.function.Supplier<T> start) {
    CHECKED.set(item);
    try {
      return start.get();
    } finally {
      CHECKED.remove();
    }
  }

  /** The checked item of the start under way on this thread, once; null for a start from outside. */
  static ValidItem take() {
    ValidItem item = CHECKED.get();
    CHECKED.remove();
    return item;
  }
}
