package cn.duban.system.security;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Over HTTPS (directly, or behind a proxy that says so with {@code X-Forwarded-Proto}) every cookie is
 * {@code Secure}. Tomcat already marks its session cookie so; this covers the cookies others write as raw headers,
 * above all the webapps' {@code XSRF-TOKEN}, whose Camunda setting is all-or-nothing and would break plain HTTP.
 */
class SecureCookieFilter extends OncePerRequestFilter {

  private static final Pattern SECURE = Pattern.compile(";\\s*secure\\s*(;|$)", Pattern.CASE_INSENSITIVE);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, request.isSecure() ? new SecureCookies(response) : response);
  }

  private static final class SecureCookies extends HttpServletResponseWrapper {

    SecureCookies(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, secure(name, value));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, secure(name, value));
    }

    private static String secure(String name, String value) {
      return HttpHeaders.SET_COOKIE.equalsIgnoreCase(name) && value != null && !SECURE.matcher(value).find()
          ? value + ";Secure" : value;
    }
  }
}
