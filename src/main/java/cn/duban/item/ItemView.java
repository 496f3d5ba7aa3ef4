package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An item as the API shows it: codes with their Chinese labels, ids with names; {@code qualityRating} is the 办结质量评价
 * given at 销号 (null before).
 */
public record ItemView(String code, String listCode, String title, String requirement, String unitId, String unitName,
                       List<String> coUnitIds, String assignee, String assigneeName, String leaderId,
                       String leaderName, LocalDate deadline, Instant dueAt, String reportingCycle,
                       String reportingCycleLabel, ItemStatus status, String statusLabel, ItemLight light,
                       String lightLabel, boolean overdue, String issuedBy, Instant issuedAt, Instant signedAt,
                       Instant completedAt, Instant closedAt, int extensionCount, int returnCount,
                       String processInstanceId, EscalationLevel escalationLevel, String escalationLabel,
                       int overdueWorkingDays, boolean markedForBulletin, QualityRating qualityRating,
                       String qualityRatingLabel, String qualityRemark) {
}
