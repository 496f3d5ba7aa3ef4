package cn.duban.notify;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.security.DubanUser;

/** The signed-in person's notification preferences as JSON. */
@RestController
@RequestMapping("/api/me/notification-preferences")
class NotificationPreferencesController {

  private final NotificationPreferences preferences;

  NotificationPreferencesController(NotificationPreferences preferences) {
    this.preferences = preferences;
  }

  @GetMapping
  NotificationPreferences.View get(@AuthenticationPrincipal DubanUser user) {
    return preferences.of(user.id());
  }

  /** {@code {"kinds": {"REMINDER": ["wecom"], …}, "quietHours": "23:00-07:00"}}; 422 naming the field at fault. */
  @PutMapping
  NotificationPreferences.View put(@RequestBody NotificationPreferences.Update update,
                                   @AuthenticationPrincipal DubanUser user) {
    return preferences.update(user.id(), update);
  }
}
