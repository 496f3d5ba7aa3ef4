package cn.duban.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own login form (shown after signing out in Tasklist, Cockpit or Admin) signs in to duban as well:
 * the credentials are checked here and the person is stored in the shared session; the request then goes on to
 * Camunda's login endpoint, which answers the webapp as usual. Wrong credentials go on unauthenticated and
 * Camunda answers 401 to its form.
 */
class CamundaLoginBridgeFilter extends OncePerRequestFilter {

  private final AuthenticationManager authenticationManager;
  private final RequestMatcher loginRequest;
  private final SecurityContextRepository contextRepository;

  CamundaLoginBridgeFilter(AuthenticationManager authenticationManager, RequestMatcher loginRequest,
                           SecurityContextRepository contextRepository) {
    this.authenticationManager = authenticationManager;
    this.loginRequest = loginRequest;
    this.contextRepository = contextRepository;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (loginRequest.matches(request)) {
      String username = request.getParameter("username");
      String password = request.getParameter("password");
      if (username != null && password != null) {
        try {
          Authentication result = authenticationManager.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(username, password));
          if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation
          }
          SecurityContext context = SecurityContextHolder.createEmptyContext();
          context.setAuthentication(result);
          SecurityContextHolder.setContext(context);
          contextRepository.saveContext(context, request, response);
        } catch (AuthenticationException | IllegalStateException e) {
          SecurityContextHolder.clearContext();
        }
      }
    }
    chain.doFilter(request, response);
  }
}
