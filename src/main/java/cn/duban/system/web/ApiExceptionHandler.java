package cn.duban.system.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of duban's API as {@code application/problem+json}: a Chinese {@code detail} for people and, for invalid
 * input, {@code errors}: the fields at fault with their values and reasons. A page's request gets the same answer
 * as the Chinese error page ({@link ErrorPageController}).
 * <p>
 * It extends Spring's {@link ResponseEntityExceptionHandler}, so Spring Boot's own problem-details handler (which
 * answered Spring MVC's exceptions in English before this one was asked) is not installed, and every standard
 * exception (405, 406, 415, unreadable JSON, missing parameters …) is said in Chinese ({@link ErrorAnswers}).
 * It applies to every handler, also to requests no controller matched (an unknown address, a method or content
 * type the address does not take), which Spring MVC reports before any of duban's controllers is chosen.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final String uploadLimit;

  ApiExceptionHandler(MultipartProperties multipart) {
    this.uploadLimit = UploadSizeFilter.limit(multipart);
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Object> invalidInput(InvalidInputException e, HttpServletRequest request, HttpServletResponse response) {
    HttpStatus status = e instanceof TooLargeException ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY;
    return answer(ErrorAnswers.withErrors(ErrorAnswers.problem(status,
        status == HttpStatus.PAYLOAD_TOO_LARGE ? "文件过大" : "输入有误", e.getMessage()), e.problems()),
        request, response);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request, HttpServletResponse response) {
    return answer(ErrorAnswers.problem(HttpStatus.NOT_FOUND, "不存在", e.getMessage()), request, response);
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<Object> forbidden(ForbiddenException e, HttpServletRequest request, HttpServletResponse response) {
    return answer(ErrorAnswers.problem(HttpStatus.FORBIDDEN, "无权操作", e.getMessage()), request, response);
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Object> engineForbidden(AuthorizationException e, HttpServletRequest request,
                                         HttpServletResponse response) {
    log.info("Engine refused an API call: {}", e.getMessage());
    return answer(ErrorAnswers.problem(HttpStatus.FORBIDDEN, "无权操作", "您没有执行此操作的权限。"), request, response);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> conflict(ConflictException e, HttpServletRequest request, HttpServletResponse response) {
    return answer(ErrorAnswers.problem(HttpStatus.CONFLICT, "状态不允许", e.getMessage()), request, response);
  }

  /**
   * A rule of duban's inside the engine (its message is Chinese) or the engine refusing a request (its message is
   * English, so the person is told in general terms).
   */
  @ExceptionHandler(BadUserRequestException.class)
  ResponseEntity<Object> badRequest(BadUserRequestException e, HttpServletRequest request, HttpServletResponse response) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return answer(message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
        ? ErrorAnswers.problem(HttpStatus.BAD_REQUEST, "请求有误", message) : ErrorAnswers.forStatus(400), request, response);
  }

  /**
   * Everything else: the database out of reach (503), text PostgreSQL cannot store (400), or a fault of duban's
   * (500, logged with its stack trace); always in Chinese, never with the exception's own text.
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Object> unexpected(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
    ProblemDetail problem = ErrorAnswers.forFailure(e).orElse(null);
    if (problem == null) {
      log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
      problem = ErrorAnswers.forStatus(500);
    } else if (problem.getStatus() == 503) {
      log.warn("Request {} {}: database unreachable ({})", request.getMethod(), request.getRequestURI(), e.toString());
    }
    return answer(problem, request, response);
  }

  /** Bean validation of a request body: 422 with every field, as for duban's own rules. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                HttpStatusCode status, WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    e.getBindingResult().getFieldErrors().forEach(f ->
        problems.add(new FieldProblem(f.getField(), f.getRejectedValue(), f.getDefaultMessage())));
    return answer(ErrorAnswers.withErrors(ErrorAnswers.problem(HttpStatus.UNPROCESSABLE_ENTITY, "输入有误",
        "请求中有字段不符合要求。"), problems), request);
  }

  /** Every other standard exception of Spring MVC: its status (and headers, e.g. Allow), a Chinese body. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                           HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ErrorAnswers.forMvcException(e, status, uploadLimit);
    ResponseEntity<Object> answer = answer(problem, request);
    return answer == null ? null : ResponseEntity.status(answer.getStatusCode()).headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(answer.getBody());
  }

  private ResponseEntity<Object> answer(ProblemDetail problem, WebRequest request) {
    ServletWebRequest servlet = (ServletWebRequest) request;
    return answer(problem, servlet.getRequest(), servlet.getResponse());
  }

  /** problem+json for tools; for a page, the error page (through the container's error dispatch) with the detail. */
  static ResponseEntity<Object> answer(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response) {
    if (response != null && ErrorAnswers.wantsPage(request)) {
      request.setAttribute(ErrorAnswers.PROBLEM, problem);
      try {
        response.sendError(problem.getStatus());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
