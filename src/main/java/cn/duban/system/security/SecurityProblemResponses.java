package cn.duban.system.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** 401, 403 and 429 as {@code application/problem+json} with a Chinese {@code detail}. */
class SecurityProblemResponses {

  private static final String WRONG_CREDENTIALS = "用户名或密码错误，请检查后重试。";

  private final ObjectMapper objectMapper;

  SecurityProblemResponses(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof LoginDelayedException delayed) {
      write(request, response, delayed(response, delayed));
      return;
    }
    if (!fromABrowser(request)) {
      // scripts and tools are challenged for HTTP Basic; a browser never is: its own password prompt would keep the
      // typed credentials and send them along with requests other sites make it send (a forged POST)
      response.setHeader("WWW-Authenticate", "Basic realm=\"duban\", charset=\"UTF-8\"");
    }
    String detail = request.getHeader("Authorization") != null
        ? WRONG_CREDENTIALS
        : "请先登录：页面请在登录页登录，脚本和工具请使用 HTTP Basic 认证。";
    write(request, response, problem(HttpStatus.UNAUTHORIZED, "未登录", detail));
  }

  /**
   * A call of a page's own script: the webapps' API (/camunda/api, used by no one else), or any request the browser
   * marks as made by a script (Sec-Fetch-Dest: empty). It gets no Basic challenge: the browser would answer it with
   * its own password box over the page, where the webapp (and duban's script in it) leads the person to duban's login
   * page instead. Tools (curl, Camunda Modeler) still get the challenge.
   */
  private static boolean fromABrowser(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/camunda/api/") || request.getHeader("Sec-Fetch-Mode") != null
        || "empty".equals(request.getHeader("Sec-Fetch-Dest"));
  }

  /**
   * The webapps' login box: it shows the {@code message} of a refused login, so the reason is given there too
   * (429 with the wait while sign-ins are slowed down, 401 for a wrong user name or password).
   */
  void loginRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    ProblemDetail problem = e instanceof LoginDelayedException delayed
        ? delayed(response, delayed)
        : problem(HttpStatus.UNAUTHORIZED, "登录失败", WRONG_CREDENTIALS);
    problem.setProperty("message", problem.getDetail());
    write(request, response, problem);
  }

  /** A change another website made the browser send ({@link CrossSiteWriteFilter}). */
  void crossSite(HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(request, response, problem(HttpStatus.FORBIDDEN, "无权操作",
        "不接受由其他网站发起的修改请求。请在督办系统的页面中操作。"));
  }

  void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    DubanUser user = SpringSecurityCamundaAuthenticationProvider.currentUser();
    if (user == null) {
      // e.g. a POST without a session fails the CSRF check before authentication is asked for: still "not signed in"
      unauthorized(request, response, null);
      return;
    }
    String detail = user.isAuditor()
        ? "审计人员只能查看，不能修改任何数据。"
        : "您没有执行此操作的权限。";
    write(request, response, problem(HttpStatus.FORBIDDEN, "无权操作", detail));
  }

  /** A webapp call that changes something without the webapps' CSRF token. */
  void csrfRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "请求未通过安全校验",
        "请求缺少有效的安全令牌（X-XSRF-TOKEN），可能来自其他网站或页面已过期。请刷新页面后重试；您的登录状态不受影响。");
    problem.setProperty("message", problem.getDetail());
    write(request, response, problem);
  }

  private static ProblemDetail delayed(HttpServletResponse response, LoginDelayedException e) {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.waitSeconds()));
    return problem(HttpStatus.TOO_MANY_REQUESTS, "登录尝试过多", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
