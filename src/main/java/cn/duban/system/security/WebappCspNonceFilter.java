package cn.duban.system.security;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each webapp request keeps its own Content-Security-Policy nonce. Camunda 7.24 keeps it in the ServletContext, shared
 * by all requests: its header filter writes a fresh nonce for every /camunda request, the webapp's page reads it back
 * into its script tags. Two requests at once (a page and its neighbour's script, two tabs) swap nonces, the browser
 * refuses the page's own scripts and Tasklist stays on its spinner. Here the nonce is an attribute of the request
 * (the rest of the ServletContext is untouched).
 */
class WebappCspNonceFilter extends OncePerRequestFilter {

  static final String NONCE = "org.camunda.bpm.csp.nonce";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServletContext perRequest = perRequest(request.getServletContext(), request);
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletContext getServletContext() {
        return perRequest;
      }
    }, response);
  }

  private static ServletContext perRequest(ServletContext context, HttpServletRequest request) {
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute" -> {
                return request.getAttribute(NONCE);
              }
              case "setAttribute" -> {
                request.setAttribute(NONCE, args[1]);
                return null;
              }
              case "removeAttribute" -> {
                request.removeAttribute(NONCE);
                return null;
              }
              default -> {
                // any other method: the real context
              }
            }
          }
          try {
            return method.invoke(context, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
