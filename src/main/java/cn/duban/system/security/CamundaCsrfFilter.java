package cn.duban.system.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' CSRF rule, checked before anything of duban answers a webapp call: every state change under
 * {@code /camunda/api/**} (also signing in and out, which duban answers itself in Spring Security's chain, before
 * Camunda's own {@code CsrfPreventionFilter} could look) carries the {@code X-XSRF-TOKEN} header matching the token
 * Camunda keeps in the session. A request without it gets a Chinese 403 and the session stays as it was (Camunda's
 * own filter would invalidate it, so that a forged request from another site signs the person out).
 * Calls carrying an Authorization header are left to Camunda's filter, as duban's own CSRF check leaves them:
 * they do not ride on the session. So is a call of nobody signed in, other than signing in: it rides on no one's
 * session, and gets the 401 of everyone not signed in. That is what a webapp open in a tab meets once its session
 * has ended (timeout, password changed, signed out elsewhere): 401 makes it ask for a new sign-in, where a 403
 * "安全令牌" would tell the person that their sign-in is still fine.
 */
class CamundaCsrfFilter extends OncePerRequestFilter {

  private final RequestMatcher webappApi;
  private final RequestMatcher loginRequest;
  private final SecurityProblemResponses problems;

  CamundaCsrfFilter(RequestMatcher webappApi, RequestMatcher loginRequest, SecurityProblemResponses problems) {
    this.webappApi = webappApi;
    this.loginRequest = loginRequest;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!changesState(request) || request.getHeader("Authorization") != null || !webappApi.matches(request)
        || (!signedIn() && !loginRequest.matches(request)) || tokenMatches(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, CsrfConstants.CSRF_TOKEN_HEADER_REQUIRED);
    problems.csrfRefused(request, response);
  }

  private static boolean signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  private static boolean changesState(HttpServletRequest request) {
    return !CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN.matcher(request.getMethod()).matches();
  }

  private static boolean tokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String header = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    return header != null && !header.isBlank() && expected instanceof String token
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
  }
}
