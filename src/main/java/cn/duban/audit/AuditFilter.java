package cn.duban.audit;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the audit search asks for; every part optional. {@code from} and {@code to} are days in the bureau's zone,
 * both included; {@code kind} is one of {@link cn.duban.item.TimelineKinds#SEARCHABLE}.
 */
public record AuditFilter(String person, String unit, String item, String list, LocalDate from, LocalDate to,
                          String kind) {

  /** Restricted to items: events outside any item (deployments, identity) cannot match. */
  boolean itemsOnly() {
    return unit != null || item != null || list != null;
  }

  /** The filters given, as recorded in the export log. */
  Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    put(given, "person", person);
    put(given, "unit", unit);
    put(given, "item", item);
    put(given, "list", list);
    put(given, "from", from == null ? null : from.toString());
    put(given, "to", to == null ? null : to.toString());
    put(given, "kind", kind);
    return given;
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
