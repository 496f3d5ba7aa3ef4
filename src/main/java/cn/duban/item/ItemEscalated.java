package cn.duban.item;

import java.time.LocalDate;
import java.util.List;

/**
 * A step of an item's escalation ladder has been taken (临期提醒, 逾期催办, 督办, 督办单, 通报), published in the step's
 * own transaction: whoever tells people about it (notify's outbox) stores its messages in that transaction, so a
 * step and its messages commit or roll back together.
 *
 * @param day         the working day the step was planned for (the messages' day, however late its job ran)
 * @param recipients  who is to be told, by user id
 * @param orderText   the office's 督办要求, for {@link Step#SUPERVISION_ORDER}; the period and its due time, for
 *                    {@link Step#REPORT_REMINDER}; otherwise null
 */
public record ItemEscalated(Step step, String itemCode, String title, LocalDate deadline, LocalDate day,
                            List<String> recipients, String orderText) {

  public ItemEscalated {
    recipients = List.copyOf(recipients);
  }

  /** The steps of the ladder, in order. */
  public enum Step {
    /** 临期提醒 */
    REMINDER,
    /** 逾期催办 */
    CHASE,
    /** 督办: the leader in charge is told */
    SUPERVISION,
    /** the office's 督办单 to the assignee and the unit heads */
    SUPERVISION_ORDER,
    /** 通报 */
    BULLETIN,
    /** 进度反馈提醒: a period of the reporting cycle is due today and has no report yet (按周期进度反馈) */
    REPORT_REMINDER
  }
}
