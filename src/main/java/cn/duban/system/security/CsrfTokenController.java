package cn.duban.system.security;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The session's CSRF token for duban's scripts inside the Camunda webapps (Tasklist's evidence upload posts to
 * /api/items/{code}/attachments from a page duban does not render, so no form of duban's carries the token; signing out
 * of a webapp posts duban's /logout). It is the
 * same token duban's pages send, and only a script of duban's own origin can read it: the answer is JSON without
 * CORS headers, and the session cookie is SameSite=Lax. Signed-in people only, like every /api call.
 */
@RestController
class CsrfTokenController {

  /** The header (for requests of scripts) or form field (for a form the script submits) to send, and its value. */
  record CsrfHeader(String headerName, String parameterName, String token) {
  }

  @GetMapping("/api/csrf")
  CsrfHeader csrf(CsrfToken token) {
    return new CsrfHeader(token.getHeaderName(), token.getParameterName(), token.getToken());
  }
}
