package cn.duban.system.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.system.BureauClock;

/** The admins' page of 登录限速 (/admin/** is admin-only): who is being slowed down, and clearing it. */
@Controller
class LoginDelayPagesController {

  private final LoginThrottle throttle;
  private final LoginThrottleProperties properties;
  private final BureauClock clock;

  LoginDelayPagesController(LoginThrottle throttle, LoginThrottleProperties properties, BureauClock clock) {
    this.throttle = throttle;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/admin/login-delays")
  String delays(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("delays", throttle.delays());
    model.addAttribute("settings", properties);
    model.addAttribute("zone", clock.zone());
    return "login-delays";
  }

  @PostMapping("/admin/login-delays/clear")
  String clear(@RequestParam String kind, @RequestParam String value, RedirectAttributes redirect) {
    throttle.clear(kind, value);
    redirect.addFlashAttribute("cleared", ("user".equals(kind) ? "用户 " : "地址 ") + value);
    return "redirect:/admin/login-delays";
  }
}
