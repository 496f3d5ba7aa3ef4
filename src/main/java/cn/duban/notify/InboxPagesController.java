package cn.duban.notify;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.system.security.DubanUser;

/** The inbox page (我的通知). */
@Controller
class InboxPagesController {

  private static final int PAGE_SIZE = 50;

  private final InboxService inbox;

  InboxPagesController(InboxService inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/notifications")
  String notifications(@RequestParam(defaultValue = "false") boolean unreadOnly,
                       @RequestParam(defaultValue = "0") int page, @AuthenticationPrincipal DubanUser user,
                       Model model) {
    model.addAttribute("user", user);
    model.addAttribute("unreadOnly", unreadOnly);
    model.addAttribute("inbox", inbox.list(user, unreadOnly, Math.max(page, 0), PAGE_SIZE));
    return "notifications";
  }

  @PostMapping("/notifications/{id}/read")
  String markRead(@PathVariable long id, @RequestParam(required = false) String next,
                  @AuthenticationPrincipal DubanUser user) {
    inbox.markRead(user, id);
    // only duban's own pages: never an open redirect
    boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
    return "redirect:" + (local ? next : "/notifications");
  }

  @PostMapping("/notifications/read-all")
  String markAllRead(@AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) {
    int marked = inbox.markAllRead(user);
    redirect.addFlashAttribute("message", marked == 0 ? "没有未读通知。" : "已将 " + marked + " 条通知标为已读。");
    return "redirect:/notifications";
  }
}
