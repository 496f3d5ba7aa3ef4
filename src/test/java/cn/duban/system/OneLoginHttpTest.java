package cn.duban.system;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.EVE;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/** One login: signed in on duban's page means signed in to Tasklist, and the other way round. */
@DubanSpringTest
class OneLoginHttpTest {

  @LocalServerPort int port;

  static String csrfToken(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("login page carries a CSRF token").isTrue();
    return m.group(1);
  }

  @Test
  void signingInOnDubansLoginPageSignsInToTheWebappsAndTheApi() {
    Http browser = Http.browser(port);
    String token = csrfToken(browser.get("/login").body());
    Http.Response login = browser.postForm("/login", Map.of("username", ALICE, "password", PASSWORD, "_csrf", token));
    assertThat(login.status()).isEqualTo(302);
    // a cadre lands in Tasklist
    assertThat(login.location()).endsWith("/camunda/app/tasklist/default/");

    Http.Response webappUser = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(webappUser.status()).isEqualTo(200);
    assertThat(webappUser.json().get("userId").asText()).isEqualTo(ALICE);
    assertThat(webappUser.json().get("authorizedApps").toString()).contains("tasklist");
    assertThat(browser.get("/api/me").json().get("name").asText()).isEqualTo("爱丽");
    assertThat(browser.get("/camunda/app/tasklist/default/", "text/html").status()).isEqualTo(200);

    // signing out of Tasklist signs out of duban too (Tasklist sends its CSRF token, as with every change)
    assertThat(browser.withWebappCsrfToken().postForm("/camunda/api/admin/auth/user/default/logout", Map.of())
        .status()).isEqualTo(200);
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void aBrowserSessionOpensNothingOnTheEngineRestApi() {
    Http browser = Http.browser(port);
    String token = csrfToken(browser.get("/login").body());
    browser.postForm("/login", Map.of("username", OFFICE, "password", PASSWORD, "_csrf", token));
    assertThat(browser.get("/api/me").status()).as("signed in").isEqualTo(200);

    // /engine-rest is for scripts and Camunda Modeler with HTTP Basic on every call: a session cookie is not enough
    assertThat(browser.get("/engine-rest/task").status()).isEqualTo(401);
    assertThat(browser.get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(browser.post("/engine-rest/process-definition/key/duban-item/start", Map.of()).status())
        .isEqualTo(401);
    assertThat(Http.basic(port, OFFICE, PASSWORD).get("/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void signingInOnTheWebappsLoginFormSignsInToDuban() {
    Http browser = Http.browser(port);
    Http.Response login = browser.withWebappCsrfToken().postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", ALICE, "password", PASSWORD));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(browser.get("/api/me").json().get("id").asText()).isEqualTo(ALICE);
    assertThat(browser.get("/", "text/html").status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordsOpenNothing() {
    Http browser = Http.browser(port);
    String token = csrfToken(browser.get("/login").body());
    Http.Response login = browser.postForm("/login", Map.of("username", EVE, "password", "nope", "_csrf", token));
    assertThat(login.location()).endsWith("/login?error");
    assertThat(browser.get("/api/me").status()).isEqualTo(401);

    Http.Response webapp = browser.withWebappCsrfToken().postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", EVE, "password", "nope"));
    assertThat(webapp.status()).isEqualTo(401);
    assertThat(webapp.json().get("message").asText()).as("shown by the webapps' login box").contains("用户名或密码错误");
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void pagesAreRenderedInChineseForTheSignedInPerson() {
    Http browser = Http.browser(port);
    String token = csrfToken(browser.get("/login").body());
    browser.postForm("/login", Map.of("username", ALICE, "password", PASSWORD, "_csrf", token));
    Http.Response home = browser.get("/", "text/html");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("我和本部门的事项", "退出登录", "爱丽");
  }
}
