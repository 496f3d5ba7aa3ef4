package cn.duban.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/**
 * The pages of notifications beyond the inbox: a person's preferences (通知设置), and for admins (/admin/** is
 * theirs only) the deliveries by channel (推送记录) and the units' group robots (群机器人).
 */
@Controller
class NotificationPagesController {

  private final NotificationPreferences preferences;
  private final DeliveryOverview overview;
  private final UnitRobots robots;
  private final OrganisationService organisation;
  private final BureauClock clock;

  NotificationPagesController(NotificationPreferences preferences, DeliveryOverview overview, UnitRobots robots,
                              OrganisationService organisation, BureauClock clock) {
    this.preferences = preferences;
    this.overview = overview;
    this.robots = robots;
    this.organisation = organisation;
    this.clock = clock;
  }

  @GetMapping("/notifications/preferences")
  String preferences(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("prefs", preferences.of(user.id()));
    return "notification-preferences";
  }

  /**
   * The form sends {@code kind} once per kind shown and {@code channel.<KIND>} per ticked box (an unticked box
   * sends nothing), and {@code quietMode} (bureau, none, own) with {@code quietHours}.
   */
  @PostMapping("/notifications/preferences")
  String savePreferences(@RequestParam MultiValueMap<String, String> form, @AuthenticationPrincipal DubanUser user,
                         RedirectAttributes redirect) {
    Map<NotificationKind, List<String>> kinds = new EnumMap<>(NotificationKind.class);
    for (String kind : form.getOrDefault("kind", List.of())) {
      NotificationKind k;
      try {
        k = NotificationKind.valueOf(kind);
      } catch (IllegalArgumentException e) {
        continue;
      }
      kinds.put(k, new ArrayList<>(form.getOrDefault("channel." + kind, List.of())));
    }
    String mode = form.getFirst("quietMode");
    String quiet = "none".equals(mode) ? "" : "own".equals(mode) ? String.valueOf(form.getFirst("quietHours")) : null;
    try {
      preferences.update(user.id(), new NotificationPreferences.Update(kinds, quiet));
      redirect.addFlashAttribute("message", "通知设置已保存。");
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("problems", e.problems().stream().map(p -> p.message()).toList());
    }
    return "redirect:/notifications/preferences";
  }

  @GetMapping("/admin/notifications")
  String deliveries(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
                    @AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("overview", overview.overview(channel, status, 200));
    model.addAttribute("channel", channel);
    model.addAttribute("status", status);
    model.addAttribute("zone", clock.zone());
    return "admin-notifications";
  }

  @PostMapping("/admin/notifications/{messageId}/{channel}/retry")
  String retry(@PathVariable long messageId, @PathVariable String channel, RedirectAttributes redirect) {
    try {
      overview.retry(messageId, channel);
      redirect.addFlashAttribute("message", "已重新排队：消息 " + messageId + "（" + channel + "）。");
    } catch (NotFoundException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/notifications?status=FAILED";
  }

  @PostMapping("/admin/notifications/retry-failed")
  String retryAll(RedirectAttributes redirect) {
    redirect.addFlashAttribute("message", "已重新排队 " + overview.retryAllFailed() + " 条失败的发送。");
    return "redirect:/admin/notifications";
  }

  @GetMapping("/admin/robots")
  String robots(@AuthenticationPrincipal DubanUser user, Model model) {
    model.addAttribute("user", user);
    Map<String, UnitRobots.Robot> byUnit = new java.util.HashMap<>();
    robots.all().forEach(r -> byUnit.put(r.unitId(), r.masked()));
    model.addAttribute("units", organisation.units());
    model.addAttribute("robots", byUnit);
    return "robots";
  }

  @PostMapping("/admin/robots/{unitId}")
  String setRobot(@PathVariable String unitId, @RequestParam String type, @RequestParam String webhook,
                  @RequestParam(required = false) String secret, @RequestParam(required = false) String keyword,
                  @AuthenticationPrincipal DubanUser user, RedirectAttributes redirect) {
    try {
      robots.set(unitId, new UnitRobots.RobotRequest(type, webhook, secret, keyword), user);
      redirect.addFlashAttribute("message", "已保存「" + organisation.unitName(unitId) + "」的群机器人。");
    } catch (InvalidInputException | NotFoundException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/robots";
  }

  @PostMapping("/admin/robots/{unitId}/remove")
  String removeRobot(@PathVariable String unitId, @AuthenticationPrincipal DubanUser user,
                     RedirectAttributes redirect) {
    robots.remove(unitId, user);
    redirect.addFlashAttribute("message", "已删除「" + organisation.unitName(unitId) + "」的群机器人。");
    return "redirect:/admin/robots";
  }
}
