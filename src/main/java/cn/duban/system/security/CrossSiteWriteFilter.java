package cn.duban.system.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic requests skip the CSRF token (scripts and Camunda Modeler cannot fetch one), so a browser that ever held
 * Basic credentials could be made to send them along with another site's forged POST. Browsers say where a request
 * comes from ({@code Sec-Fetch-Site}); a change that another site started is refused. Tools send no such header.
 */
class CrossSiteWriteFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final SecurityProblemResponses problems;

  CrossSiteWriteFilter(SecurityProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE.contains(request.getMethod()) && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
      problems.crossSite(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
