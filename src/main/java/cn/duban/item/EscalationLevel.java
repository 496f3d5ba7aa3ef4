package cn.duban.item;

/** How far an item has been escalated, with its Chinese label. */
public enum EscalationLevel {
  NONE("未升级"),
  REMINDED("已临期提醒"),
  CHASED("已逾期催办"),
  SUPERVISED("已督办"),
  BULLETINED("已通报");

  private final String label;

  EscalationLevel(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
