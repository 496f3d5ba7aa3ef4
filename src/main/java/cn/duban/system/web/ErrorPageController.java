package cn.duban.system.web;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code /error}, where the servlet container sends every failure nobody answered before (an exception thrown past
 * Spring MVC, e.g. from a filter; a {@code sendError}): the Chinese error page for a person's browser,
 * problem+json for tools. Replaces Spring Boot's English "Whitelabel" page and its JSON. Asked for directly,
 * {@code /error} is an address that is not a page: 404 (Boot answered 500 with status 999).
 * <p>
 * The page uses nothing that needs the database: it is also the page of a database outage (503).
 */
@Controller
class ErrorPageController implements ErrorController {

  private final ObjectMapper json;

  ErrorPageController(ObjectMapper json) {
    this.json = json;
  }

  @RequestMapping("/error")
  ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = problem(request);
    response.setStatus(problem.getStatus());
    if (ErrorAnswers.wantsPage(request)) {
      ModelAndView page = new ModelAndView("error", Map.of("problem", problem), HttpStatus.valueOf(problem.getStatus()));
      backLink(request).ifPresent(back -> page.addObject("back", back));
      return page;
    }
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
    return null;
  }

  /** The answer decided where the error happened; else what the failure or the status means. */
  private static ProblemDetail problem(HttpServletRequest request) {
    if (request.getAttribute(ErrorAnswers.PROBLEM) instanceof ProblemDetail decided) {
      return decided;
    }
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
      return ErrorAnswers.forStatus(404);
    }
    return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
        ? ErrorAnswers.forFailure(failure).orElseGet(() -> ErrorAnswers.forStatus(status))
        : ErrorAnswers.forStatus(status);
  }

  /** The page the person came from, when it is one of duban's (an upload form that was too large). */
  private static Optional<String> backLink(HttpServletRequest request) {
    String referer = request.getHeader("Referer");
    try {
      URI from = referer == null ? null : URI.create(referer);
      if (from != null && request.getServerName().equalsIgnoreCase(from.getHost())
          && from.getPort() == request.getServerPort() && from.getRawPath() != null
          && from.getRawPath().startsWith("/")) {
        return Optional.of(from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()));
      }
    } catch (IllegalArgumentException e) {
      // not an address: no link back
    }
    return Optional.empty();
  }
}
