package cn.duban.notify;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.duban.item.NoticesSent;

/** The outbox's answer to an item timeline's question "whom was this item's step announced to?". */
@Component
class StoredNotices implements NoticesSent {

  private final NotificationRepository notifications;

  StoredNotices(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  @Override
  public List<Notice> of(Collection<String> itemCodes) {
    return notifications.storedFor(itemCodes);
  }
}
