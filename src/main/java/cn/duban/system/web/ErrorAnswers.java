package cn.duban.system.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What duban answers when a request fails, in Chinese, in one place: the problem for a status, for each of Spring
 * MVC's own exceptions (405, 406, 415, missing or malformed parameters, unknown paths …), for a database that
 * cannot be reached (503) and for text the database cannot store (400). Used by {@link ApiExceptionHandler},
 * {@link ErrorPageController} and {@link UploadSizeFilter}.
 */
public final class ErrorAnswers {

  /** A request attribute with the {@link ProblemDetail} for the error page (set before {@code sendError}). */
  static final String PROBLEM = ErrorAnswers.class.getName() + ".problem";

  static final String DATABASE_DOWN = "数据库暂时无法连接，请稍后重试。如持续出现，请联系管理员检查数据库。";

  private ErrorAnswers() {
  }

  public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
    problem.setProperty("errors", errors);
    return problem;
  }

  /** The answer for a status when nothing more is known. */
  static ProblemDetail forStatus(int status) {
    return switch (status) {
      case 400 -> problem(HttpStatus.BAD_REQUEST, "请求有误", "请求的格式或参数有误，请检查后重试。");
      case 401 -> problem(HttpStatus.UNAUTHORIZED, "未登录", "请先登录：页面请在登录页登录，脚本和工具请使用 HTTP Basic 认证。");
      case 403 -> problem(HttpStatus.FORBIDDEN, "无权操作", "您没有执行此操作的权限。");
      case 404 -> problem(HttpStatus.NOT_FOUND, "不存在", "您访问的地址不存在。请检查地址，或从首页重新进入。");
      case 405 -> problem(HttpStatus.METHOD_NOT_ALLOWED, "请求方法不支持", "该地址不支持这种请求方法。");
      case 406 -> problem(HttpStatus.NOT_ACCEPTABLE, "无法提供该格式", "无法按请求头 Accept 要求的格式返回内容，请接受 application/json。");
      case 409 -> problem(HttpStatus.CONFLICT, "状态不允许", "请求与当前状态冲突，请刷新后重试。");
      case 413 -> problem(HttpStatus.PAYLOAD_TOO_LARGE, "文件过大", "上传的内容超过了允许的大小，请压缩或拆分后再上传。");
      case 415 -> problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "请求格式错误", "不支持这种内容类型（Content-Type）。");
      case 422 -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "输入有误", "请求中有字段不符合要求。");
      case 429 -> problem(HttpStatus.TOO_MANY_REQUESTS, "请求过于频繁", "请求过于频繁，请稍后再试。");
      case 503 -> problem(HttpStatus.SERVICE_UNAVAILABLE, "服务暂不可用", DATABASE_DOWN);
      default -> status >= 400 && status < 500
          ? problem(HttpStatusCode.valueOf(status), "请求有误", "请求无法处理（HTTP " + status + "），请检查后重试。")
          : problem(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误",
              "服务器处理请求时出错，错误已记录。请稍后重试；如持续出现，请联系管理员。");
    };
  }

  /** Spring MVC's own exceptions (those ResponseEntityExceptionHandler knows), said in Chinese. */
  static ProblemDetail forMvcException(Exception ex, HttpStatusCode status, String uploadLimit) {
    if (ex instanceof HttpRequestMethodNotSupportedException e) {
      String allowed = e.getSupportedHttpMethods() == null ? "" : "，可用：" + e.getSupportedHttpMethods().stream()
          .map(Object::toString).collect(Collectors.joining("、"));
      return problem(status, "请求方法不支持", "该地址不支持 " + e.getMethod() + " 请求" + allowed + "。");
    }
    if (ex instanceof HttpMediaTypeNotSupportedException e) {
      return problem(status, "请求格式错误", "不支持的内容类型：" + (e.getContentType() == null ? "（未指定）" : e.getContentType())
          + (e.getSupportedMediaTypes().isEmpty() ? "" : "，请使用 " + join(e.getSupportedMediaTypes())) + "。");
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return forStatus(406);
    }
    if (ex instanceof MissingServletRequestParameterException e) {
      return field(status, e.getParameterName(), "缺少参数「" + e.getParameterName() + "」。");
    }
    if (ex instanceof MissingServletRequestPartException e) {
      return field(status, e.getRequestPartName(), "缺少上传的部分「" + e.getRequestPartName() + "」（multipart/form-data）。");
    }
    if (ex instanceof TypeMismatchException e) {
      String name = e.getPropertyName() == null ? "参数" : e.getPropertyName();
      return field(status, name, "参数「" + name + "」的值「" + e.getValue() + "」格式不对。");
    }
    if (ex instanceof HttpMessageNotReadableException) {
      return problem(status, "请求格式错误", "请求内容不是有效的 JSON，或字段类型不对（日期请用 yyyy-MM-dd）。");
    }
    if (ex instanceof MaxUploadSizeExceededException || status.value() == 413) {
      return tooLarge(uploadLimit);
    }
    if (ex instanceof MultipartException) {
      return problem(HttpStatus.BAD_REQUEST, "请求格式错误", "上传的内容（multipart/form-data）不完整或格式不对，请重新上传。");
    }
    if (ex instanceof NoHandlerFoundException || ex instanceof NoResourceFoundException) {
      return forStatus(404);
    }
    if (ex instanceof AsyncRequestTimeoutException) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "请求超时", "服务器处理超时，请稍后重试。");
    }
    if (ex instanceof HandlerMethodValidationException || ex instanceof ServletRequestBindingException) {
      return problem(status, "请求参数错误", "请求参数缺失或不符合要求，请检查后重试。");
    }
    return forStatus(status.value());
  }

  /** 413: the upload is over {@code limit} (e.g. "30 MB"). */
  static ProblemDetail tooLarge(String limit) {
    String detail = "上传的文件超过了 " + limit + " 的上限，请压缩或拆分后再上传。";
    return withErrors(problem(HttpStatus.PAYLOAD_TOO_LARGE, "文件过大", detail),
        List.of(new FieldProblem("file", null, detail)));
  }

  /**
   * What an unexpected failure means for the person: the database cannot be reached (503), or the text cannot be
   * stored by PostgreSQL (400: a NUL or an invalid character that slipped past the field rules).
   */
  static Optional<ProblemDetail> forFailure(Throwable failure) {
    if (databaseUnreachable(failure)) {
      return Optional.of(forStatus(503));
    }
    if (sqlState(failure).filter(s -> s.equals("22021") || s.equals("22P05")).isPresent()) {
      return Optional.of(problem(HttpStatus.BAD_REQUEST, "请求有误",
          "请求中含有无法保存的字符（如 NUL 等不可见的控制字符），请删除后重新提交。"));
    }
    return Optional.empty();
  }

  /**
   * Whether the failure is the database being out of reach: no connection within the pool's connection-timeout,
   * a refused or broken connection (SQLSTATE class 08), a server shutting down or starting (57P0x).
   */
  public static boolean databaseUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException
          || t instanceof ConnectException) {
        return true;
      }
    }
    return sqlState(failure).filter(s -> s.startsWith("08") || s.startsWith("57P")).isPresent();
  }

  private static Optional<String> sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  private static Throwable next(Throwable t) {
    return t.getCause() == t ? null : t.getCause();
  }

  /**
   * Whether a person's browser asked for one of duban's pages (answered with the Chinese error page) rather than a
   * tool calling {@code /api}, {@code /engine-rest} or the webapps' API (answered with problem+json).
   */
  public static boolean wantsPage(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String s ? s : request.getRequestURI();
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/engine-rest")
        || path.startsWith("/camunda/api/") || path.startsWith("/actuator")) {
      return false;
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  private static ProblemDetail field(HttpStatusCode status, String name, String detail) {
    return withErrors(problem(status, "请求参数错误", detail), List.of(new FieldProblem(name, null, detail)));
  }

  private static String join(List<MediaType> types) {
    return types.stream().map(MediaType::toString).collect(Collectors.joining("、"));
  }
}
