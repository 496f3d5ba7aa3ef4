package cn.duban.system.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.duban.system.security.DubanUser;

/** 管理: the admins' pages in one place (/admin/** is admin-only), so the header needs one link for them. */
@Controller
class AdminPagesController {

  @GetMapping("/admin")
  String index(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    return "admin/index";
  }
}
