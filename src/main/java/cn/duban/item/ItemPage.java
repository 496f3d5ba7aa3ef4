package cn.duban.item;

import java.util.List;

/** A page of items. */
public record ItemPage(List<ItemView> items, int page, int size, long total) {
}
