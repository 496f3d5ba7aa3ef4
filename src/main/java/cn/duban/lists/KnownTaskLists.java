package cn.duban.lists;

import org.springframework.stereotype.Component;

import cn.duban.item.TaskLists;

/** The lists module's answer to the questions of item and the modules on it: which lists are there? */
@Component
class KnownTaskLists implements TaskLists {

  private final ListRepository lists;

  KnownTaskLists(ListRepository lists) {
    this.lists = lists;
  }

  @Override
  public boolean exists(String listCode) {
    return lists.find(listCode).isPresent();
  }

  @Override
  public java.util.List<ListName> all() {
    return lists.all().stream().map(l -> new ListName(l.code(), l.name())).toList();
  }
}
