package cn.duban.item;

/** An item's status: a stable English code with its Chinese label. */
public enum ItemStatus {
  ISSUED("待签收"),
  IN_PROGRESS("承办中"),
  PENDING_SIGNOFF("待销号"),
  EXTENSION_PENDING("延期审批中"),
  RETURNED("已退回待改派"),
  CLOSED("已销号");

  private final String label;

  ItemStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isOpen() {
    return this != CLOSED;
  }
}
