package cn.duban.system.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers the webapps' own login form (shown after signing out of Tasklist, Cockpit or Admin) so that it signs in
 * to duban, in the one shared session: the credentials are checked against the identity service and the answer
 * is the one Camunda's login endpoint gives ({@code userId} and the {@code authorizedApps}). Wrong credentials
 * get 401 and nothing is stored; while sign-ins are slowed down (登录限速) 429. Either way the body's {@code message}
 * is what the login box shows. The webapps' CSRF token has been checked before ({@link CamundaCsrfFilter}).
 */
class CamundaLoginBridgeFilter extends OncePerRequestFilter {

  private static final List<String> APPS = List.of("cockpit", "tasklist", "admin");

  private final AuthenticationManager authenticationManager;
  private final RequestMatcher loginRequest;
  private final SecurityContextRepository contextRepository;
  private final AuthorizationService authorizationService;
  private final ObjectMapper objectMapper;
  private final SecurityProblemResponses problems;
  private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

  CamundaLoginBridgeFilter(AuthenticationManager authenticationManager, RequestMatcher loginRequest,
                           SecurityContextRepository contextRepository, AuthorizationService authorizationService,
                           ObjectMapper objectMapper, SecurityProblemResponses problems) {
    this.authenticationManager = authenticationManager;
    this.loginRequest = loginRequest;
    this.contextRepository = contextRepository;
    this.authorizationService = authorizationService;
    this.objectMapper = objectMapper;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!loginRequest.matches(request)) {
      chain.doFilter(request, response);
      return;
    }
    String username = request.getParameter("username");
    String password = request.getParameter("password");
    var attempt = UsernamePasswordAuthenticationToken.unauthenticated(
        username == null ? "" : username, password == null ? "" : password);
    attempt.setDetails(details.buildDetails(request)); // the client's address, for 登录限速
    Authentication result;
    try {
      result = authenticationManager.authenticate(attempt);
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      problems.loginRefused(request, response, e);
      return;
    }
    if (request.getSession(false) != null) {
      request.changeSessionId(); // no session fixation
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(result);
    SecurityContextHolder.setContext(context);
    contextRepository.saveContext(context, request, response);

    DubanUser user = (DubanUser) result.getPrincipal();
    List<String> apps = new ArrayList<>(List.of("welcome"));
    for (String app : APPS) {
      if (user.isAdmin() || authorizationService.isUserAuthorized(user.id(), user.groupIds(), Permissions.ACCESS,
          Resources.APPLICATION, app)) {
        apps.add(app);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", user.id());
    body.put("authorizedApps", apps);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), body);
  }
}
