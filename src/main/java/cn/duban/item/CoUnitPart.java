package cn.duban.item;

import java.time.Instant;

/** A co-unit's part of an item (协办): its status, who handles it, its report, or why the office waived it. */
public record CoUnitPart(String unitId, String unitName, Status status, String statusLabel, String assignee,
                         Instant signedAt, String report, Instant doneAt, String waivedBy, String waiveReason) {

  public enum Status {
    PENDING("待签收"), SIGNED("承办中"), DONE("已完成"), WAIVED("已豁免");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean settled() {
      return this == DONE || this == WAIVED;
    }
  }
}
