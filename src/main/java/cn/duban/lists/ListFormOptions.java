package cn.duban.lists;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.duban.system.engine.FormOptions;

/** The open task lists as forms offer them ({@code listOptions}): 《名称》（QD2026-001）. */
@Component
class ListFormOptions implements FormOptions {

  private final ListRepository lists;

  ListFormOptions(ListRepository lists) {
    this.lists = lists;
  }

  @Override
  public String key() {
    return "listOptions";
  }

  @Override
  public List<Option> options() {
    return lists.all().stream().filter(l -> l.closedAt() == null)
        .map(l -> new Option("《" + l.name() + "》（" + l.code() + "）", l.code())).toList();
  }
}
