package cn.duban.system.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;

/**
 * Camunda's container-based authentication, also for the webapps' "who is signed in" call
 * ({@code /api/admin/auth/user/{engine}}), which the stock filter skips: a person signed in on duban's page is
 * recognised by a webapp even before it has loaded one of its pages in this session.
 */
public class WebappAuthenticationFilter extends ContainerBasedAuthenticationFilter {

  private static final Pattern AUTH_USER = Pattern.compile("^/api/admin/auth/user/([^/]+)$");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (SpringSecurityCamundaAuthenticationProvider.currentUser() == null
        && AUTH_USER.matcher(getRequestUri((HttpServletRequest) request)).matches()) {
      // nobody signed in: Camunda answers the probe itself (404), which makes the webapp show its login form
      chain.doFilter(request, response);
      return;
    }
    super.doFilter(request, response, chain);
  }

  @Override
  protected String extractEngineName(HttpServletRequest request) {
    String engine = super.extractEngineName(request);
    if (engine != null) {
      return engine;
    }
    Matcher matcher = AUTH_USER.matcher(getRequestUri(request));
    return matcher.matches() ? matcher.group(1) : null;
  }
}
