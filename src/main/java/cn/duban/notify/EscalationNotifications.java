package cn.duban.notify;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.duban.item.ItemEscalated;

/**
 * The escalation ladder's steps as messages: one per person told, stored in the outbox in the step's transaction
 * (the event is delivered synchronously, inside it), all of a step's in one batch.
 */
@Component
class EscalationNotifications {

  private final NotificationService notifications;

  EscalationNotifications(NotificationService notifications) {
    this.notifications = notifications;
  }

  @EventListener
  void stepTaken(ItemEscalated step) {
    List<Notification> told = new ArrayList<>();
    for (String recipient : step.recipients()) {
      told.add(switch (step.step()) {
        case REMINDER -> Notification.of(NotificationKind.REMINDER, recipient, step.itemCode(), step.title(),
            step.deadline(), step.day());
        case CHASE -> Notification.of(NotificationKind.CHASE, recipient, step.itemCode(), step.title(),
            step.deadline(), step.day());
        case SUPERVISION -> Notification.of(NotificationKind.SUPERVISION, recipient, step.itemCode(), step.title(),
            step.deadline(), step.day());
        case BULLETIN -> Notification.of(NotificationKind.BULLETIN, recipient, step.itemCode(), step.title(),
            step.deadline(), step.day());
        case SUPERVISION_ORDER -> new Notification(recipient, NotificationKind.SUPERVISION, step.itemCode(),
            step.title(), "SUPERVISION_ORDER", step.deadline(), step.day(),
            "【督办单】" + step.itemCode() + " " + step.title(), "督查室督办要求：" + step.orderText(), null);
        case REPORT_REMINDER -> new Notification(recipient, NotificationKind.REMINDER, step.itemCode(), step.title(),
            "REPORT_REMINDER", step.deadline(), step.day(), "【进度反馈提醒】" + step.itemCode() + " " + step.title(),
            step.orderText(), null);
      });
    }
    notifications.enqueueAll(told);
  }
}
