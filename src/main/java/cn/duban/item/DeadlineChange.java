package cn.duban.item;

import java.time.Instant;
import java.time.LocalDate;

/** An approved extension (延期): old and new deadline, who asked, who approved. */
public record DeadlineChange(LocalDate oldDeadline, LocalDate newDeadline, String reason, String requestedBy,
                             String approvedBy, Instant changedAt) {
}
