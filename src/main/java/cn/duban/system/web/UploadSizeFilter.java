package cn.duban.system.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

/**
 * Uploads over the limit ({@code spring.servlet.multipart.max-request-size} / {@code max-file-size},
 * {@code DUBAN_UPLOAD_MAX_SIZE}) get 413 with a Chinese message, before Spring Security looks at the request.
 * Without this, a page's upload form over the limit was answered 403 "您没有执行此操作的权限": the CSRF token
 * travels inside the multipart body, which could not be read. Requests declaring a larger Content-Length are
 * refused unread; the others are parsed here, with the limits of Spring MVC's servlet (Tomcat keeps the parts for
 * it), so that a chunked upload or one file over {@code max-file-size} is refused the same way.
 * <p>
 * {@code /engine-rest} and the webapps' {@code /camunda/api} read their own request bodies (Jersey) and are left
 * alone.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
public class UploadSizeFilter extends OncePerRequestFilter {

  private final long maxRequestBytes;
  private final String limit;

  UploadSizeFilter(MultipartProperties multipart) {
    this.maxRequestBytes = multipart.getMaxRequestSize().toBytes();
    this.limit = limit(multipart);
  }

  /** The limit as people read it: the smaller of the request's and a file's. */
  static String limit(MultipartProperties multipart) {
    return megabytes(Math.min(multipart.getMaxRequestSize().toBytes(), multipart.getMaxFileSize().toBytes()));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
        || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (maxRequestBytes >= 0 && request.getContentLengthLong() > maxRequestBytes) {
      refuse(request, response, new MaxUploadSizeExceededException(maxRequestBytes));
      return;
    }
    try {
      new StandardMultipartHttpServletRequest(request);
    } catch (MaxUploadSizeExceededException e) {
      refuse(request, response, e);
      return;
    } catch (MultipartException e) {
      // a malformed body: Spring MVC reports it (400) when the controller asks for its parts
    }
    chain.doFilter(request, response);
  }

  /**
   * 413 through the error page ({@link ErrorPageController}: Chinese page or problem+json). The failure is recorded
   * as the request's error, so that Spring MVC does not try to read the body again for the error page.
   */
  private void refuse(HttpServletRequest request, HttpServletResponse response, MaxUploadSizeExceededException e)
      throws IOException {
    ProblemDetail problem = ErrorAnswers.tooLarge(limit);
    request.setAttribute(ErrorAnswers.PROBLEM, problem);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
    response.sendError(problem.getStatus());
  }

  /** 30 MB, 1.5 MB: a size as people read it. */
  private static String megabytes(long bytes) {
    double mb = bytes / 1024.0 / 1024.0;
    return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
  }
}
