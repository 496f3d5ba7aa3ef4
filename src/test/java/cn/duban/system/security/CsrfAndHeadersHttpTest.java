package cn.duban.system.security;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.lists.ListFiles;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Issue 12, point 9: the webapps' sign-in and sign-out need their CSRF token like every other change, a forged webapp
 * call is refused without ending the session, cookies are HttpOnly, SameSite=Lax and (over HTTPS) Secure, and duban's
 * own pages carry a Content-Security-Policy without inline script while the webapps keep theirs.
 */
@DubanSpringTest
class CsrfAndHeadersHttpTest {

  static final String LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";
  static final String LOGOUT = "/camunda/api/admin/auth/user/default/logout";
  static final String CSP = "Content-Security-Policy";

  @LocalServerPort int port;

  static void assertCsrfRefusal(Http.Response response) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asText()).contains("安全令牌", "请刷新页面后重试");
    assertThat(response.header("X-XSRF-TOKEN")).isEqualTo("Required");
  }

  @Test
  void theWebappsSignInNeedsTheCsrfTokenOfAPageTheyLoaded() {
    Http browser = Http.browser(port);
    // a form on another site posting the webapps' login: no session, no token
    assertCsrfRefusal(browser.postForm(LOGIN, Map.of("username", ALICE, "password", PASSWORD)));
    // the session has a token now (the webapps' first call), but a forged request cannot read the cookie
    Http withToken = browser.withWebappCsrfToken();
    assertCsrfRefusal(browser.postForm(LOGIN, Map.of("username", ALICE, "password", PASSWORD)));
    assertCsrfRefusal(browser.withHeader("X-XSRF-TOKEN", "0123456789ABCDEF0123456789ABCDEF")
        .postForm(LOGIN, Map.of("username", ALICE, "password", PASSWORD)));
    assertThat(browser.get("/api/me").status()).isEqualTo(401);

    // the webapps' login box: the token from the XSRF-TOKEN cookie in X-XSRF-TOKEN
    Http.Response login = withToken.postForm(LOGIN, Map.of("username", ALICE, "password", PASSWORD));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().get("userId").asText()).isEqualTo(ALICE);
    assertThat(browser.get("/api/me").json().get("id").asText()).isEqualTo(ALICE);
  }

  @Test
  void aForgedSignOutOrChangeIsRefusedAndTheSessionStays() {
    String code = Fixtures.issueToUnitA(port, "CSRF 核查");
    Http browser = Http.browser(port);
    assertThat(browser.signIn(ALICE, PASSWORD).status()).isEqualTo(302);
    String taskId = browser.get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey=" + code).json()
        .get(0).get("id").asText();

    assertCsrfRefusal(browser.postForm(LOGOUT, Map.of()));
    assertCsrfRefusal(browser.post("/camunda/api/engine/engine/default/task/" + taskId + "/claim",
        Map.of("userId", ALICE)));
    assertThat(browser.get("/api/me").status()).as("still signed in").isEqualTo(200);
    assertThat(Http.basic(port, OFFICE, PASSWORD).get("/engine-rest/task/" + taskId).json().get("assignee").isNull())
        .as("nothing was claimed").isTrue();

    Http tasklist = browser.withWebappCsrfToken();
    assertThat(tasklist.post("/camunda/api/engine/engine/default/task/" + taskId + "/claim", Map.of("userId", ALICE))
        .status()).isEqualTo(204);
    assertThat(tasklist.postForm(LOGOUT, Map.of()).status()).isEqualTo(200);
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void theSessionCookieIsHttpOnlyLaxAndSecureOverHttps() {
    String plain = sessionCookie(Http.browser(port).get("/login"));
    assertThat(plain).contains("HttpOnly", "SameSite=Lax").doesNotContainIgnoringCase("secure");

    // behind the proxy that terminates HTTPS
    Http https = Http.browser(port).withHeader("X-Forwarded-Proto", "https");
    assertThat(sessionCookie(https.get("/login"))).contains("HttpOnly", "SameSite=Lax", "Secure");
    String xsrf = https.get("/camunda/api/engine/engine/").headers("Set-Cookie").stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
    assertThat(xsrf).contains("SameSite=Lax", "Secure");
    assertThat(Http.browser(port).get("/camunda/api/engine/engine/").headers("Set-Cookie").stream()
        .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()).doesNotContainIgnoringCase("secure");
  }

  static String sessionCookie(Http.Response response) {
    return response.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
  }

  @Test
  void dubansPagesAndApiCarryTheContentSecurityPolicyAndTheWebappsOnlyTheirOwn() {
    assertThat(Http.browser(port).get("/login").headers(CSP)).containsExactly(SecurityConfiguration.CSP);
    Http browser = Http.browser(port);
    browser.signIn(ALICE, PASSWORD);
    assertThat(browser.get("/api/me").headers(CSP)).containsExactly(SecurityConfiguration.CSP);
    assertThat(browser.get("/", "text/html").headers(CSP)).containsExactly(SecurityConfiguration.CSP);
    List<String> webapp = browser.get("/camunda/app/tasklist/default/", "text/html").headers(CSP);
    assertThat(webapp).as("Tasklist's own policy, alone").hasSize(1);
    assertThat(webapp.get(0)).isNotEqualTo(SecurityConfiguration.CSP);
  }

  @Test
  void everyDubanPageRendersUnderThePolicyWithoutInlineScript() {
    String code = Fixtures.issueToUnitA(port, "页面核查");
    Http.Response list = Http.basic(port, OFFICE, PASSWORD).upload("/api/lists", "页面核查.xlsx", ListFiles.xlsx(List.of(
        ListFiles.row("序号", "事项名称", "责任部门", "完成时限"),
        ListFiles.row("1", "页面核查清单事项", "甲科", LocalDate.now().plusDays(30).toString()))),
        Map.of("name", "页面核查清单"));
    assertThat(list.status()).as(list.body()).isEqualTo(201);
    String listCode = list.json().get("listCode").asText();

    Http office = Http.browser(port);
    office.signIn(OFFICE, PASSWORD);
    Http admin = Http.browser(port);
    admin.signIn(ADMIN, ADMIN_PASSWORD);
    List<String> problems = new ArrayList<>();
    for (String page : List.of("/", "/items/" + code, "/dashboard", "/dashboard/items", "/bulletin", "/lists",
        "/lists/" + listCode, "/units", "/notifications", "/notifications/preferences", "/audit")) {
      check(office, page, problems);
    }
    for (String page : List.of("/admin/processes", "/admin/login-delays", "/admin/notifications", "/admin/people",
        "/admin/robots")) {
      check(admin, page, problems);
    }
    assertThat(problems).isEmpty();
  }

  static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)(?![^>]*application/json)[^>]*>");
  static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  static void check(Http browser, String page, List<String> problems) {
    Http.Response response = browser.get(page, "text/html");
    if (response.status() != 200) {
      problems.add(page + " -> " + response.status());
    } else if (!response.headers(CSP).equals(List.of(SecurityConfiguration.CSP))) {
      problems.add(page + " policy " + response.headers(CSP));
    } else if (INLINE_SCRIPT.matcher(response.body()).find() || HANDLER.matcher(response.body()).find()) {
      problems.add(page + " has inline script");
    }
  }
}
