package cn.duban.item;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The notifications stored for items, as the notify module keeps them: the item's timeline shows who each escalation
 * step notified. Item asks through this instead of reading notify's outbox table (notify depends on item).
 */
public interface NoticesSent {

  /** Every notification stored for these items, oldest first. */
  List<Notice> of(Collection<String> itemCodes);

  /** One notification: its kind (the notify module's name of it), recipient and when it was stored. */
  record Notice(String itemCode, String kind, String recipient, Instant at) {
  }
}
