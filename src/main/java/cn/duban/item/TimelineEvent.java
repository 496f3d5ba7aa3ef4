package cn.duban.item;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an item's timeline: when, what ({@code kind}, refined by {@code action}, with a Chinese
 * {@code label}), who ({@code actor} null: the system, e.g. a timer), on which task, and the values that went with it
 * (form submissions, old and new values of an operation, who was notified).
 *
 * @param kind   ISSUED, TASK_CREATED, TASK_COMPLETED, TASK_ENDED, OPERATION, COMMENT, ATTACHMENT, ESCALATION,
 *               DEADLINE_CHANGED, CO_UNIT_WAIVED, LATE_REPORT, CLOSED, ENDED (see {@link TimelineKinds})
 * @param action for a completed task the decision taken (ACCEPT, RETURN, PROGRESS, COMPLETE, EXTEND, APPROVE,
 *               REJECT, SIGN_OFF, REASSIGN, SUPERVISION_ORDER …), for an escalation its step (REMIND, CHASE,
 *               SUPERVISE, BULLETIN), for an operation its Camunda operation type (Claim, Assign, Delete …)
 */
public record TimelineEvent(Instant time, String kind, String action, String label, String actor, String actorName,
                            String taskName, String taskId, Map<String, Object> details) {
}
