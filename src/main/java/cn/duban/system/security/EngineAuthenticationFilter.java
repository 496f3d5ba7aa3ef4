package cn.duban.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the engine see the caller of {@code /engine-rest/**} and {@code /api/**}: the engine then applies the
 * caller's authorizations and records them as the actor in history and the user operation log.
 */
public class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public EngineAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    DubanUser user = SpringSecurityCamundaAuthenticationProvider.currentUser();
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    identityService.setAuthentication(user.id(), user.groupIds());
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
