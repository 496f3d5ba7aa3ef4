package cn.duban.system.security;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 登录限速 for admins (/api/admin/** is admin-only): the user names and addresses with recent failures, and clearing
 * one ({@code DELETE /api/admin/login-delays/user/alice}, {@code …/address/10.1.2.3}).
 */
@RestController
@RequestMapping("/api/admin/login-delays")
class LoginDelayController {

  private final LoginThrottle throttle;

  LoginDelayController(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping
  List<LoginThrottle.Delay> delays() {
    return throttle.delays();
  }

  @DeleteMapping("/{kind}/{value}")
  ResponseEntity<Void> clear(@PathVariable String kind, @PathVariable String value) {
    throttle.clear(kind, value);
    return ResponseEntity.noContent().build();
  }
}
