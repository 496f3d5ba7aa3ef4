package cn.duban.lists;

/** The ids of {@code bpmn/duban-list.bpmn}. */
public final class ListProcess {

  public static final String KEY = "duban-list";
  public static final String MESSAGE_ALL_ITEMS_CLOSED = "duban-list-all-items-closed";

  private ListProcess() {
  }

  public static final class Elements {
    public static final String START = "StartEvent_ListIssued";
    public static final String WAIT = "CatchEvent_AllItemsClosed";
    public static final String CLOSE = "ServiceTask_CloseList";
    public static final String END = "EndEvent_ListClosed";

    private Elements() {
    }
  }
}
