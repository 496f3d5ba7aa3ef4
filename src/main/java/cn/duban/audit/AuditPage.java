package cn.duban.audit;

import java.util.List;

/** A page of the audit search, newest first, and how many events matched in all. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) {

  public int pages() {
    return (int) Math.max(1, (total + size - 1) / size);
  }
}
