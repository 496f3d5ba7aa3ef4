package cn.duban.system.web;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Errors of duban's API as {@code application/problem+json}: a Chinese {@code detail} for people and, for invalid
 * input, {@code errors}: the fields at fault with their values and reasons.
 */
@RestControllerAdvice(basePackages = "cn.duban")
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "输入有误", e.getMessage()), e.problems());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "不存在", e.getMessage());
  }

  @ExceptionHandler({ForbiddenException.class})
  ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "无权操作", e.getMessage());
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail engineForbidden(AuthorizationException e) {
    log.info("Engine refused an API call: {}", e.getMessage());
    return problem(HttpStatus.FORBIDDEN, "无权操作", "您没有执行此操作的权限。");
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "状态不允许", e.getMessage());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "文件过大", "上传的文件超过了允许的大小。"),
        List.of(new FieldProblem("file", null, "文件超过允许的大小")));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail beanValidation(MethodArgumentNotValidException e) {
    List<FieldProblem> problems = new ArrayList<>();
    e.getBindingResult().getFieldErrors().forEach(f ->
        problems.add(new FieldProblem(f.getField(), f.getRejectedValue(), f.getDefaultMessage())));
    return withErrors(problem(HttpStatus.UNPROCESSABLE_ENTITY, "输入有误", "请求中有字段不符合要求。"), problems);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(HttpStatus.BAD_REQUEST, "请求格式错误", "请求内容不是有效的 JSON，或字段类型不对（日期请用 yyyy-MM-dd）。");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请求格式错误", "不支持的内容类型：" + e.getContentType());
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class,
      MethodArgumentTypeMismatchException.class})
  ProblemDetail badParameter(Exception e) {
    String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
        : e instanceof MissingServletRequestPartException p ? p.getRequestPartName()
        : ((MethodArgumentTypeMismatchException) e).getName();
    return withErrors(problem(HttpStatus.BAD_REQUEST, "请求参数错误", "参数「" + name + "」缺失或格式不对。"),
        List.of(new FieldProblem(name, null, "缺失或格式不对")));
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
    problem.setProperty("errors", errors);
    return problem;
  }
}
