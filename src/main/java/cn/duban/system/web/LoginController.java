package cn.duban.system.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (open to everyone). */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
