package cn.duban.system.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.duban.system.web.RequestLog;

/**
 * Tells the request log who is asking, once Spring Security knows (session or HTTP Basic) and before it decides
 * whether they may: a refused request (403) is logged with its user id too. Only the user id, nothing else of the
 * person.
 */
class RequestUserRecorder extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)) {
      String userId = authentication.getPrincipal() instanceof DubanUser user ? user.id() : authentication.getName();
      request.setAttribute(RequestLog.USER, userId);
      MDC.put(RequestLog.MDC_USER, userId);
    }
    chain.doFilter(request, response);
  }
}
