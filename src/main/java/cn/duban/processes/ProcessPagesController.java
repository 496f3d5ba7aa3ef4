package cn.duban.processes;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.InvalidInputException;

/** The admins' page of process versions: how many items run on each; dry runs and migrations. */
@Controller
class ProcessPagesController {

  private final ProcessVersions versions;
  private final ProcessMigrations migrations;
  private final MigrationLog migrationLog;
  private final BureauClock clock;

  ProcessPagesController(ProcessVersions versions, ProcessMigrations migrations, MigrationLog migrationLog,
                         BureauClock clock) {
    this.versions = versions;
    this.migrations = migrations;
    this.migrationLog = migrationLog;
    this.clock = clock;
  }

  @GetMapping("/admin/processes")
  String processes(@AuthenticationPrincipal DubanUser user, Model model) {
    MigrationController.requireAdmin(user);
    return page(user, model);
  }

  @PostMapping("/admin/processes/migrations")
  String migrate(@AuthenticationPrincipal DubanUser user, @RequestParam String processKey,
                 @RequestParam(required = false) Integer sourceVersion,
                 @RequestParam(required = false) Integer targetVersion,
                 @RequestParam(defaultValue = "true") boolean dryRun, Model model) {
    MigrationController.requireAdmin(user);
    try {
      model.addAttribute("report", migrations.migrate(
          new MigrationRequest(processKey, sourceVersion, targetVersion, dryRun, null), user));
    } catch (InvalidInputException e) {
      model.addAttribute("error", e.getMessage());
    }
    return page(user, model);
  }

  private String page(DubanUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("processes", versions.byKey(user));
    model.addAttribute("log", migrationLog.latest(20));
    model.addAttribute("zone", clock.zone());
    return "processes";
  }
}
