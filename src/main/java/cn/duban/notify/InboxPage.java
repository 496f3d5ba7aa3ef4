package cn.duban.notify;

import java.util.List;

/** A page of a person's inbox, newest first, with their count of unread messages. */
public record InboxPage(List<InboxEntry> items, int page, int size, long total, long unread) {
}
