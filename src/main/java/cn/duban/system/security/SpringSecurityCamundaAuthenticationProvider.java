package cn.duban.system.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hands the person signed in with Spring Security to the Camunda webapps (container-based authentication),
 * which is what makes one login serve Tasklist, Cockpit, Admin and duban's pages.
 * Instantiated by Camunda's filter by class name, hence public with a no-argument constructor.
 */
public class SpringSecurityCamundaAuthenticationProvider implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    DubanUser user = currentUser();
    if (user == null) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(user.id());
    result.setGroups(user.groupIds());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // Spring Security answers unauthenticated requests before they reach the webapps
  }

  static DubanUser currentUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof DubanUser user) {
      return user;
    }
    return null;
  }
}
