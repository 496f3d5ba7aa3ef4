package cn.duban.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.notify.NotificationRepository.StoredNotification;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/** A person's own inbox: nobody sees or marks another person's messages. */
@Service
public class InboxService {

  static final int MAX_PAGE_SIZE = 200;

  private final InboxRepository inbox;
  private final NotificationRepository notifications;
  private final BureauClock clock;

  InboxService(InboxRepository inbox, NotificationRepository notifications, BureauClock clock) {
    this.inbox = inbox;
    this.notifications = notifications;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public InboxPage list(DubanUser user, boolean unreadOnly, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputException(new FieldProblem("size", size,
          "分页参数有误：page ≥ 0，size 在 1 到 " + MAX_PAGE_SIZE + " 之间"));
    }
    List<InboxRepository.Row> rows = inbox.page(user.id(), unreadOnly, page, size);
    Map<Long, List<InboxEntry.Item>> items = new LinkedHashMap<>();
    for (StoredNotification n : notifications.itemsOf(rows.stream().map(InboxRepository.Row::messageId).toList())) {
      Notification item = n.notification();
      items.computeIfAbsent(n.messageId(), id -> new ArrayList<>()).add(new InboxEntry.Item(item.itemCode(),
          item.itemTitle(), item.deadline(), MessageComposer.itemLine(item), item.link()));
    }
    List<InboxEntry> entries = rows.stream().map(r -> new InboxEntry(r.id(), r.kind(), r.kind().label(), r.day(),
        r.subject(), r.body(), r.link(), items.getOrDefault(r.messageId(), List.of()), r.createdAt(),
        r.readAt() != null, r.readAt())).toList();
    return new InboxPage(entries, page, size, inbox.count(user.id(), unreadOnly), inbox.count(user.id(), true));
  }

  public long unreadCount(DubanUser user) {
    return inbox.count(user.id(), true);
  }

  /** Marks one of the user's messages read (again: no change); another person's message is "not found". */
  @Transactional
  public void markRead(DubanUser user, long id) {
    if (!inbox.markRead(id, user.id(), clock.now())) {
      throw new NotFoundException("通知「" + id + "」不存在。");
    }
  }

  /** Marks all of the user's messages read; returns how many were unread. */
  @Transactional
  public int markAllRead(DubanUser user) {
    return inbox.markAllRead(user.id(), clock.now());
  }
}
