package cn.duban.system.security;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.duban.system.DemoMode;
import cn.duban.system.DubanProperties;

/**
 * The login page (open to everyone); after a refused sign-in it says why. In demo mode it names the demo accounts
 * (their password only while it is the well-known default).
 */
@Controller
class LoginController {

  private final boolean demo;
  private final boolean defaultDemoPassword;

  LoginController(DemoMode demoMode, DubanProperties properties) {
    this.demo = demoMode.enabled();
    this.defaultDemoPassword = "demo".equals(properties.demo().password());
  }

  @GetMapping("/login")
  String login(@RequestParam(required = false) String delayed, HttpSession session, Model model) {
    if (delayed != null) {
      // the refusal was kept in the session by the failure handler: its message carries the wait in seconds
      Object refusal = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      model.addAttribute("delayMessage", refusal instanceof LoginDelayedException e
          ? e.getMessage() : "登录尝试过多，请稍后再试。");
    }
    model.addAttribute("demoAccounts", demo);
    model.addAttribute("demoPasswordShown", demo && defaultDemoPassword);
    return "login";
  }
}
