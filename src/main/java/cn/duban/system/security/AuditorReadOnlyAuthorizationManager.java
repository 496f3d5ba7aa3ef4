package cn.duban.system.security;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Any authenticated person may go on (the engine and duban then check what they may see and do), except that
 * auditors may not write anything. "Write" is every method but GET, HEAD and OPTIONS, minus the engine's
 * POST endpoints that only query (task lists, history queries, filter lists, counts).
 */
class AuditorReadOnlyAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /** Engine REST paths (after /engine-rest or /camunda/api/engine/engine/{name}) whose POST is a query. */
  private static final List<Pattern> QUERY_POSTS = List.of(
      Pattern.compile("^(/engine/[^/]+)?/(task|process-instance|execution|variable-instance|job|external-task|"
          + "case-instance|case-execution|incident)(/count)?$"),
      Pattern.compile("^(/engine/[^/]+)?/history/(activity-instance|process-instance|task|variable-instance|"
          + "case-instance|case-activity-instance|decision-instance|detail|job-log|external-task-log|incident|"
          + "user-operation|batch|identity-link-log|cleanup/jobs)(/count)?$"),
      Pattern.compile("^(/engine/[^/]+)?/history/process-instance/report$"),
      Pattern.compile("^(/engine/[^/]+)?/filter/[^/]+/(list|count|singleResult)$"),
      Pattern.compile("^(/engine/[^/]+)?/process-definition/[^/]+/(form-variables|rendered-form)$"),
      Pattern.compile("^(/engine/[^/]+)?/task/[^/]+/(form-variables|rendered-form)$"));

  @Override
  public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
    Authentication auth = authentication.get();
    if (auth == null || !auth.isAuthenticated() || !(auth.getPrincipal() instanceof DubanUser user)) {
      return new AuthorizationDecision(false);
    }
    if (user.isAuditor() && !user.isAdmin() && isWrite(context.getRequest())) {
      return new AuthorizationDecision(false);
    }
    return new AuthorizationDecision(true);
  }

  static boolean isWrite(HttpServletRequest request) {
    String method = request.getMethod().toUpperCase();
    if (READ_METHODS.contains(method)) {
      return false;
    }
    if (!"POST".equals(method)) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/api/cockpit/plugin/")) {
      // Cockpit's community plugins only post queries (process instance and incident views)
      return false;
    }
    String enginePath = enginePath(path);
    return enginePath == null || QUERY_POSTS.stream().noneMatch(p -> p.matcher(enginePath).matches());
  }

  /** The engine REST path of a request to /engine-rest or to the webapps' engine API, or null. */
  static String enginePath(String path) {
    if (path.startsWith("/engine-rest/")) {
      return path.substring("/engine-rest".length());
    }
    String webapp = "/camunda/api/engine/engine/";
    if (path.startsWith(webapp)) {
      int slash = path.indexOf('/', webapp.length());
      return slash < 0 ? "/" : path.substring(slash);
    }
    return null;
  }
}
