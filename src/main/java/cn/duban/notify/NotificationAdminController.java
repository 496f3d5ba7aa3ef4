package cn.duban.notify;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.system.BureauClock;

/**
 * For administrators (/api/admin/** is theirs only): deliveries given up after {@code max-attempts} (kept, never
 * deleted), and putting them back in the queue once the cause (a wrong address, a long SMTP outage) is fixed.
 */
@RestController
@RequestMapping("/api/admin/notifications")
class NotificationAdminController {

  private final NotificationRepository repository;
  private final BureauClock clock;

  NotificationAdminController(NotificationRepository repository, BureauClock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @GetMapping("/failed")
  List<DeliveryState> failed(@RequestParam(defaultValue = "100") int limit) {
    return repository.failed(Math.min(Math.max(limit, 1), 1000));
  }

  @PostMapping("/failed/retry")
  Map<String, Integer> retryFailed() {
    return Map.of("requeued", repository.retryFailed(clock.now()));
  }
}
