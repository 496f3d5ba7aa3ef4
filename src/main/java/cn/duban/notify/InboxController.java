package cn.duban.notify;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.security.DubanUser;

/** The signed-in person's inbox as JSON. */
@RestController
@RequestMapping("/api/notifications")
class InboxController {

  private final InboxService inbox;

  InboxController(InboxService inbox) {
    this.inbox = inbox;
  }

  @GetMapping
  InboxPage list(@RequestParam(defaultValue = "false") boolean unreadOnly, @RequestParam(defaultValue = "0") int page,
                 @RequestParam(defaultValue = "20") int size, @AuthenticationPrincipal DubanUser user) {
    return inbox.list(user, unreadOnly, page, size);
  }

  @GetMapping("/unread-count")
  Map<String, Long> unreadCount(@AuthenticationPrincipal DubanUser user) {
    return Map.of("unread", inbox.unreadCount(user));
  }

  @PostMapping("/{id}/read")
  ResponseEntity<Void> markRead(@PathVariable long id, @AuthenticationPrincipal DubanUser user) {
    inbox.markRead(user, id);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/read-all")
  Map<String, Integer> markAllRead(@AuthenticationPrincipal DubanUser user) {
    return Map.of("marked", inbox.markAllRead(user));
  }
}
