package cn.duban.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The short texts of phone messages (text cards, work notifications, robots): item, deadline, step, link. */
final class PushText {

  /** Items listed in a digest on a phone; the rest are counted. */
  static final int MAX_ITEMS = 8;

  private PushText() {
  }

  /** The lines under the title: for one item its code and title, deadline, step and body; for a digest the items. */
  static List<String> lines(NotificationMessage message) {
    List<String> lines = new ArrayList<>();
    if (message.isDigest()) {
      int shown = 0;
      for (Notification item : message.items()) {
        if (shown++ == MAX_ITEMS) {
          lines.add("……另有 " + (message.items().size() - MAX_ITEMS) + " 项，请打开督办系统查看");
          break;
        }
        lines.add(shown + ". " + MessageComposer.itemLine(item));
      }
      return lines;
    }
    Notification item = message.items().isEmpty() ? null : message.items().get(0);
    if (item != null) {
      lines.add("事项：" + item.itemCode() + " " + item.itemTitle());
      lines.add("完成时限：" + item.deadline());
      lines.add("环节：" + step(item));
    }
    if (!message.body().isBlank()) {
      lines.add(message.body());
    }
    return lines;
  }

  /** The escalation step in Chinese: 临期提醒, 逾期催办, 督办, 督办单, 通报. */
  static String step(Notification item) {
    return "SUPERVISION_ORDER".equals(item.step()) ? "督办单" : item.kind().label();
  }

  static String url(NotificationMessage message, String baseUrl) {
    return MailText.url(baseUrl, message.link());
  }

  static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** At most {@code maxBytes} of UTF-8, cut at a character, with "…" when cut (platforms count bytes). */
  static String limit(String text, int maxBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = 3; // the ellipsis
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      cut.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return cut.append('…').toString();
  }

  /** For 企业微信's text card description, which takes a few HTML tags: the message's own text is escaped. */
  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
