package cn.duban.notify;

import java.net.URI;

/** The plain-text e-mail of a message: Chinese, with a full link to each item. */
final class MailText {

  private MailText() {
  }

  /**
   * 张三，您好：
   * <p>
   * 您有 2 个事项已逾期：
   * 1. DB2026-0001 开展发票风险排查（完成时限 2026-12-31）
   *    事项已于 2026-12-31 逾期，请尽快办理。
   *    查看事项：http://…/items/DB2026-0001
   * …
   */
  static String body(NotificationMessage message, String recipientName, String baseUrl) {
    var text = new StringBuilder();
    text.append(recipientName).append("，您好：\n\n");
    if (message.isDigest()) {
      text.append(message.kind().digestHeadline(message.items().size())).append("：\n");
      int i = 1;
      for (Notification item : message.items()) {
        text.append('\n').append(i++).append(". ").append(MessageComposer.itemLine(item)).append('\n');
        if (!item.body().isBlank()) {
          text.append("   ").append(item.body()).append('\n');
        }
        text.append("   查看事项：").append(url(baseUrl, item.link())).append('\n');
      }
    } else {
      Notification item = message.items().get(0);
      text.append("【").append(message.kind().label()).append("】").append(MessageComposer.itemLine(item)).append('\n');
      if (!message.body().isBlank()) {
        text.append(message.body()).append('\n');
      }
      text.append("\n查看事项：").append(url(baseUrl, message.link())).append('\n');
    }
    text.append("\n全部通知：").append(url(baseUrl, "/notifications")).append('\n');
    text.append("\n（本邮件由督办系统自动发送，请勿直接回复。）\n");
    return text.toString();
  }

  /** A stable Message-ID per message: the same on every attempt, so a message sent twice can be recognised. */
  static String messageId(NotificationMessage message, String baseUrl) {
    String host = null;
    try {
      host = URI.create(baseUrl).getHost();
    } catch (IllegalArgumentException e) {
      // fall back below
    }
    return "<notification-" + message.id() + "@" + (host == null || host.isBlank() ? "duban" : host) + ">";
  }

  static String url(String baseUrl, String path) {
    if (path == null || path.isBlank()) {
      return baseUrl + "/notifications";
    }
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return path;
    }
    return baseUrl + (path.startsWith("/") ? path : "/" + path);
  }
}
