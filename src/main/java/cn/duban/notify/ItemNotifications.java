package cn.duban.notify;

import java.time.LocalDate;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.duban.item.ItemClosedEvent;
import cn.duban.item.ItemRepository;
import cn.duban.item.ItemReturnedEvent;
import cn.duban.item.ItemRow;
import cn.duban.system.BureauClock;

/**
 * 退回 and 销号 tell the assignee. The item publishes its events inside the step's transaction and this listener runs
 * in it (synchronously), so the notification is stored if and only if the step commits, like the ladder's.
 */
@Component
class ItemNotifications {

  private final ItemRepository items;
  private final NotificationService notifications;
  private final BureauClock clock;

  ItemNotifications(ItemRepository items, NotificationService notifications, BureauClock clock) {
    this.items = items;
    this.notifications = notifications;
    this.clock = clock;
  }

  @EventListener
  void returned(ItemReturnedEvent event) {
    items.find(event.code()).filter(item -> item.assignee() != null).ifPresent(item -> enqueue(item,
        NotificationKind.RETURNED, "SIGN_OFF_RETURN@" + event.at(), "督查室退回理由：" + event.reason()
            + "。请按审核意见继续办理后重新申请办结。"));
  }

  @EventListener
  void closed(ItemClosedEvent event) {
    items.find(event.code()).filter(item -> item.assignee() != null)
        .ifPresent(item -> enqueue(item, NotificationKind.SIGNED_OFF, "SIGN_OFF", null));
  }

  private void enqueue(ItemRow item, NotificationKind kind, String step, String body) {
    LocalDate today = clock.today();
    notifications.enqueue(new Notification(item.assignee(), kind, item.code(), item.title(), step, item.deadline(),
        today, null, body == null ? Notification.defaultBody(kind, item.deadline()) : body, null));
  }
}
