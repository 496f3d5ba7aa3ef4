package cn.duban.system.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.duban.system.BureauClock;

/**
 * Sessions follow access changes (issue 12, point 6). On every request of a signed-in session, the person's password
 * stamp, lock and groups are compared with what the identity service holds now (read by primary key, kept per node
 * for {@code duban.session.recheck-interval}, so several nodes on one database agree within that time):
 * <ul>
 *   <li>deleted, locked or a new password (changed or reset): the session ends, whoever's session it is and on
 *       whichever node; the request goes on unauthenticated (401, or the login page);</li>
 *   <li>other groups or name: the session's person is replaced, and the webapps' own copy of the person
 *       (Camunda's {@link Authentications}, with group ids) is dropped so that it is built again from the new one.</li>
 * </ul>
 * HTTP Basic (scripts, /engine-rest) is checked against the identity service on every call and needs none of this.
 */
class SessionAccessFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(SessionAccessFilter.class);
  private static final int MAX_CACHED = 10_000;

  private record Cached(AccessState state, Instant readAt) {
  }

  private final CamundaIdentityAuthenticationProvider identity;
  private final SecurityContextRepository contextRepository;
  private final BureauClock clock;
  private final Duration recheckInterval;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  SessionAccessFilter(CamundaIdentityAuthenticationProvider identity, SecurityContextRepository contextRepository,
                      BureauClock clock, Duration recheckInterval) {
    this.identity = identity;
    this.contextRepository = contextRepository;
    this.clock = clock;
    this.recheckInterval = recheckInterval;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof DubanAuthentication signedIn) {
      String userId = signedIn.user().id();
      AccessState state = current(userId);
      if (state == null || state.locked() || !state.credentialStamp().equals(signedIn.credentialStamp())) {
        log.info("Ending a session of {}: {}", userId,
            state == null ? "user deleted" : state.locked() ? "user locked" : "password changed");
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
      } else if (!state.user().equals(signedIn.user())) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new DubanAuthentication(state.user(), signedIn.credentialStamp()));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        HttpSession session = request.getSession(false);
        if (session != null) {
          AuthenticationUtil.updateSession(session, new Authentications());
        }
      }
    }
    chain.doFilter(request, response);
  }

  private AccessState current(String userId) {
    Instant now = clock.now();
    Cached cached = cache.get(userId);
    // a clock set back (tests drive it) must not make an old reading look fresh
    if (cached != null && Duration.between(cached.readAt(), now).abs().compareTo(recheckInterval) < 0) {
      return cached.state();
    }
    AccessState state = identity.state(userId);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(userId, new Cached(state, now));
    return state;
  }
}
