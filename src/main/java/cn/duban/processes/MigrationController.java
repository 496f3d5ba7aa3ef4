package cn.duban.processes;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.duban.system.security.DubanUser;
import cn.duban.system.web.ForbiddenException;

/** {@code POST /api/admin/migrations}: a dry run or a migration of running instances (admins only). */
@RestController
@RequestMapping("/api/admin/migrations")
class MigrationController {

  private final ProcessMigrations migrations;

  MigrationController(ProcessMigrations migrations) {
    this.migrations = migrations;
  }

  @PostMapping
  MigrationReport migrate(@RequestBody MigrationRequest request, @AuthenticationPrincipal DubanUser user) {
    requireAdmin(user);
    return migrations.migrate(request, user);
  }

  /** Security already limits /api/admin/** and /admin/** to admins; the feature checks again itself. */
  static void requireAdmin(DubanUser user) {
    if (user == null || !user.isAdmin()) {
      throw new ForbiddenException("只有管理员可以迁移流程实例。");
    }
  }
}
