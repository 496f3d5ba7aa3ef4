package cn.duban.audit;

import java.time.Instant;
import java.util.Map;

/** One row of the audit search: an event of an item's timeline (or of the engine outside items) with its item. */
public record AuditEntry(Instant time, String itemCode, String itemTitle, String unitId, String unitName,
                         String listCode, String kind, String action, String label, String actor, String actorName,
                         String taskName, Map<String, Object> details) {

  /** The details as one line: 「key：value；key：value」. */
  public String detailsText() {
    StringBuilder text = new StringBuilder();
    details.forEach((key, value) -> text.append(text.isEmpty() ? "" : "；").append(key).append("：").append(value));
    return text.toString();
  }
}
