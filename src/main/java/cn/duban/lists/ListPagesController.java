package cn.duban.lists;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.duban.system.security.DubanUser;
import cn.duban.system.security.Roles;

/** duban's pages for task lists: all lists, and one list with its items and figures. */
@Controller
class ListPagesController {

  private final ListService lists;

  ListPagesController(ListService lists) {
    this.lists = lists;
  }

  @GetMapping("/lists")
  String lists(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("lists", lists.all());
    model.addAttribute("canImport", user.hasRole(Roles.OFFICE) || user.isAdmin());
    return "lists";
  }

  @GetMapping("/lists/{code}")
  String list(@PathVariable String code, @AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("summary", lists.summary(code, user));
    return "list";
  }
}
