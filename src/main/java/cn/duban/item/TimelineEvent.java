package cn.duban.item;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an item's timeline: when, what ({@code kind}, with a Chinese {@code label}), who, on which task,
 * and the values that went with it (form submissions, old and new values of an operation).
 */
public record TimelineEvent(Instant time, String kind, String label, String actor, String actorName, String taskName,
                            String taskId, Map<String, Object> details) {
}
