package cn.duban.lists;

import java.time.Instant;
import java.time.LocalDate;

/** A task list (任务清单) as issued. */
public record TaskList(String code, String name, String issuedByUnit, LocalDate issuedOn, String source,
                       String fileName, String processInstanceId, String createdBy, Instant createdAt, int itemCount,
                       Instant closedAt) {
}
