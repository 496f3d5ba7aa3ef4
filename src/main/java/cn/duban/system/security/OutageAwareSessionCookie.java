package cn.duban.system.security;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.web.http.CookieSerializer;

import cn.duban.system.web.ErrorAnswers;

/**
 * The session cookie (Spring Boot's, as configured), except while the answer to a database outage is being made:
 * the sessions live in that database, and every part of the error page that asks for the session (security, flash
 * attributes, the request-handled event) would wait for a connection again and fail, leaving the person the
 * container's English 500 after several timeouts instead of duban's 503 page. That answer is made without a
 * session, and the person's cookie is left alone, so they are still signed in when the database answers again.
 */
final class OutageAwareSessionCookie implements CookieSerializer {

  private final CookieSerializer cookie;

  OutageAwareSessionCookie(CookieSerializer cookie) {
    this.cookie = cookie;
  }

  @Override
  public List<String> readCookieValues(HttpServletRequest request) {
    return answeringAnOutage(request) ? List.of() : cookie.readCookieValues(request);
  }

  @Override
  public void writeCookieValue(CookieValue value) {
    if (!answeringAnOutage(value.getRequest())) {
      cookie.writeCookieValue(value);
    }
  }

  static boolean answeringAnOutage(HttpServletRequest request) {
    return request.getDispatcherType() == DispatcherType.ERROR
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
        && ErrorAnswers.databaseUnreachable(failure);
  }
}
