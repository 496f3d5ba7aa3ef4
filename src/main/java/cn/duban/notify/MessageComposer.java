package cn.duban.notify;

import java.util.Comparator;
import java.util.List;

/** Turns the notifications of one group into the text of one message. */
final class MessageComposer {

  /** Subject, body and link of a message. */
  record Text(String subject, String body, String link) {
  }

  private MessageComposer() {
  }

  /**
   * One notification is sent as it is; several (of one person, kind and day) as a digest:
   * "您有 12 个事项已逾期：" and one line per item, by deadline.
   */
  static Text compose(List<Notification> group) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one notification");
    }
    if (group.size() == 1) {
      Notification n = group.get(0);
      return new Text(n.subject(), n.body(), n.link());
    }
    NotificationKind kind = group.get(0).kind();
    String headline = kind.digestHeadline(group.size());
    var body = new StringBuilder(headline).append('：');
    int i = 1;
    for (Notification n : sorted(group)) {
      body.append('\n').append(i++).append(". ").append(itemLine(n));
    }
    return new Text("【" + kind.label() + "】" + headline, body.toString(), null);
  }

  /** DB2026-0001 开展发票风险排查（完成时限 2026-12-31） */
  static String itemLine(Notification n) {
    return n.itemCode() + " " + n.itemTitle() + "（完成时限 " + n.deadline() + "）";
  }

  static List<Notification> sorted(List<Notification> items) {
    return items.stream()
        .sorted(Comparator.comparing(Notification::deadline).thenComparing(Notification::itemCode)
            .thenComparing(Notification::step))
        .toList();
  }
}
