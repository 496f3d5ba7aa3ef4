package cn.duban.system.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * After login: back to the page the person asked for; otherwise cadres go to Tasklist (where their work is)
 * and the office, leaders, auditors and admins to duban's home page.
 */
class LandingPageSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

  static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                      Authentication authentication) throws IOException, jakarta.servlet.ServletException {
    if (requestCache.getRequest(request, response) == null
        && authentication.getPrincipal() instanceof DubanUser user && !user.seesAllUnits()) {
      getRedirectStrategy().sendRedirect(request, response, TASKLIST);
      return;
    }
    setDefaultTargetUrl("/");
    super.onAuthenticationSuccess(request, response, authentication);
  }
}
