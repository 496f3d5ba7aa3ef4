package cn.duban.system.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 紧急授权 for admins (/api/admin/** is admin-only): open a grant with reason and reference, close it, list them. */
@RestController
@RequestMapping("/api/admin/break-glass")
class BreakGlassController {

  private final BreakGlass breakGlass;

  BreakGlassController(BreakGlass breakGlass) {
    this.breakGlass = breakGlass;
  }

  /** The body of POST /api/admin/break-glass: why, the written approval's reference, for how many minutes. */
  record OpenRequest(String reason, String reference, Integer minutes) {
  }

  @GetMapping
  List<BreakGlass.Grant> grants() {
    return breakGlass.grants();
  }

  @PostMapping
  ResponseEntity<BreakGlass.Grant> open(@RequestBody OpenRequest request, @AuthenticationPrincipal DubanUser user) {
    BreakGlass.Grant grant = breakGlass.open(user, request.reason(), request.reference(),
        request.minutes() == null ? null : Duration.ofMinutes(request.minutes()));
    return ResponseEntity.created(URI.create("/api/admin/break-glass/" + grant.id())).body(grant);
  }

  @PostMapping("/{id}/close")
  BreakGlass.Grant close(@PathVariable long id, @AuthenticationPrincipal DubanUser user) {
    return breakGlass.close(id, user);
  }
}
