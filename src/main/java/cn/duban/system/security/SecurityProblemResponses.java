package cn.duban.system.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** 401 and 403 as {@code application/problem+json} with a Chinese {@code detail}. */
class SecurityProblemResponses {

  private final ObjectMapper objectMapper;

  SecurityProblemResponses(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"duban\", charset=\"UTF-8\"");
    String detail = request.getHeader("Authorization") != null
        ? "用户名或密码错误，请检查后重试。"
        : "请先登录：页面请在登录页登录，脚本和工具请使用 HTTP Basic 认证。";
    write(request, response, HttpStatus.UNAUTHORIZED, "未登录", detail);
  }

  void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    DubanUser user = SpringSecurityCamundaAuthenticationProvider.currentUser();
    if (user == null) {
      // e.g. a POST without a session fails the CSRF check before authentication is asked for: still "not signed in"
      unauthorized(request, response, null);
      return;
    }
    String detail = user != null && user.isAuditor()
        ? "审计人员只能查看，不能修改任何数据。"
        : "您没有执行此操作的权限。";
    write(request, response, HttpStatus.FORBIDDEN, "无权操作", detail);
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                     String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
