package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One row of the item read model ({@code duban.item}). */
public record ItemRow(String code, String processInstanceId, String listCode, String title, String requirement,
                      String unitId, List<String> coUnitIds, String assignee, String leaderId, LocalDate deadline,
                      Instant dueAt, String reportingCycle, ItemStatus status, String issuedBy, Instant issuedAt,
                      Instant signedAt, Instant completedAt, Instant closedAt, int extensionCount, int returnCount,
                      EscalationLevel escalationLevel, Instant bulletinAt, QualityRating qualityRating,
                      String qualityRemark) {
}
