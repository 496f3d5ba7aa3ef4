package cn.duban.lists;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.security.DubanUser;

/** Task lists as JSON. */
@RestController
@RequestMapping("/api/lists")
class ListController {

  private final ListService lists;

  ListController(ListService lists) {
    this.lists = lists;
  }

  @GetMapping
  List<TaskList> all() {
    return lists.all();
  }

  @GetMapping("/{code}")
  ListSummary one(@PathVariable String code, @AuthenticationPrincipal DubanUser user) {
    return lists.summary(code, user);
  }
}
