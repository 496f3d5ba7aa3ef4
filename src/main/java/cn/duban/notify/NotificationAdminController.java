package cn.duban.notify;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.NotFoundException;

/**
 * For administrators (/api/admin/** is theirs only): deliveries by channel and state with figures per channel,
 * failures (kept, never deleted) and putting them back in the queue once the cause is fixed; units' group robots.
 */
@RestController
@RequestMapping("/api/admin")
class NotificationAdminController {

  private final NotificationRepository repository;
  private final DeliveryOverview overview;
  private final UnitRobots robots;

  NotificationAdminController(NotificationRepository repository, DeliveryOverview overview, UnitRobots robots) {
    this.repository = repository;
    this.overview = overview;
    this.robots = robots;
  }

  /** Figures per channel and the latest deliveries, of a channel and a state if given. */
  @GetMapping("/notifications")
  DeliveryOverview.Overview deliveries(@RequestParam(required = false) String channel,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(defaultValue = "100") int limit) {
    return overview.overview(channel, status, limit);
  }

  @GetMapping("/notifications/failed")
  List<DeliveryState> failed(@RequestParam(defaultValue = "100") int limit) {
    return repository.failed(Math.min(Math.max(limit, 1), 1000));
  }

  @PostMapping("/notifications/failed/retry")
  Map<String, Integer> retryFailed() {
    return Map.of("requeued", overview.retryAllFailed());
  }

  @PostMapping("/notifications/{messageId}/{channel}/retry")
  ResponseEntity<Void> retry(@PathVariable long messageId, @PathVariable String channel) {
    overview.retry(messageId, channel);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/robots")
  List<UnitRobots.Robot> robots() {
    return robots.all().stream().map(UnitRobots.Robot::masked).toList();
  }

  @GetMapping("/units/{id}/robot")
  UnitRobots.Robot robot(@PathVariable String id) {
    return robots.of(id).map(UnitRobots.Robot::masked)
        .orElseThrow(() -> new NotFoundException("部门「" + id + "」没有设置群机器人。"));
  }

  /** {@code {"type": "dingtalk" | "wecom" | "feishu", "webhook": "…", "secret": "…", "keyword": "…"}}. */
  @PutMapping("/units/{id}/robot")
  UnitRobots.Robot setRobot(@PathVariable String id, @RequestBody UnitRobots.RobotRequest request,
                            @AuthenticationPrincipal DubanUser user) {
    return robots.set(id, request, user).masked();
  }

  @DeleteMapping("/units/{id}/robot")
  ResponseEntity<Void> removeRobot(@PathVariable String id, @AuthenticationPrincipal DubanUser user) {
    if (!robots.remove(id, user)) {
      throw new NotFoundException("部门「" + id + "」没有设置群机器人。");
    }
    return ResponseEntity.noContent().build();
  }
}
