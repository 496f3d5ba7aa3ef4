package cn.duban.system.web;

import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;
import cn.duban.system.BureauClock;

/**
 * What duban's scripts inside the Camunda webapps rely on: the session's CSRF token for duban's API (never a way
 * around it) and duban's icon where the webapps look for it.
 */
@DubanSpringTest
class WebappsSupportHttpTest {

  static final String TASK_QUERY = "/camunda/api/engine/engine/default/task";

  @LocalServerPort int port;
  @Autowired ItemService items;
  @Autowired Users users;
  @Autowired BureauClock clock;

  @Test
  void aScriptOfTheSignedInPersonUploadsEvidenceWithTheSessionsToken() {
    String code = items.issue(new ItemDraft("佐证上传", null, UNIT_A, ANDY, List.of(), LEADER,
        clock.today().plusDays(10).toString(), null, null), users.get(OFFICE), false);
    Http andy = Http.browser(port);
    andy.signIn(ANDY, PASSWORD);
    byte[] evidence = "台账已建立".getBytes(StandardCharsets.UTF_8);

    Http.Response forged = andy.upload("/api/items/" + code + "/attachments", "佐证.txt", evidence);
    assertThat(forged.status()).as("a session alone is not enough: %s", forged.body()).isEqualTo(403);

    JsonNode csrf = andy.get("/api/csrf").json();
    assertThat(csrf.get("headerName").asText()).isEqualTo("X-CSRF-TOKEN");
    assertThat(csrf.get("parameterName").asText()).isEqualTo("_csrf");
    Http.Response upload = andy.withHeader(csrf.get("headerName").asText(), csrf.get("token").asText())
        .upload("/api/items/" + code + "/attachments", "佐证.txt", evidence);
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    assertThat(andy.get("/api/items/" + code).json().get("attachments")).hasSize(1);
  }

  @Test
  void aWebappWhoseSessionHasEndedIsAskedToSignInAgain() {
    Http browser = Http.browser(port);
    browser.signIn(ANDY, PASSWORD);
    Http tasklist = browser.withWebappCsrfToken();
    assertThat(tasklist.post(TASK_QUERY, java.util.Map.of()).status()).isEqualTo(200);

    // signed out in another tab: the Tasklist tab still holds its token
    assertThat(browser.postForm("/logout", java.util.Map.of("_csrf", browser.formToken("/login"))).status())
        .isEqualTo(302);
    Http.Response stale = tasklist.post(TASK_QUERY, java.util.Map.of());
    assertThat(stale.status()).as("401 makes the webapp ask for a sign-in (duban's login page); %s", stale.body())
        .isEqualTo(401);
    assertThat(stale.header("WWW-Authenticate")).as("no browser password box over the page").isNull();
    assertThat(Http.anonymous(port).post(TASK_QUERY, java.util.Map.of()).status()).isEqualTo(401);

    // the same for duban's API called by a page's script; tools still get the Basic challenge
    assertThat(Http.anonymous(port).withHeader("Sec-Fetch-Dest", "empty").get("/api/me").header("WWW-Authenticate"))
        .isNull();
    assertThat(Http.anonymous(port).get("/api/me").header("WWW-Authenticate")).startsWith("Basic");
    assertThat(Http.anonymous(port).get("/engine-rest/task").header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void everyWebappPageCarriesTheScriptNonceOfItsOwnPolicy() throws Exception {
    Http andy = Http.browser(port);
    andy.signIn(ANDY, PASSWORD);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var pages = new java.util.ArrayList<java.util.concurrent.Future<Http.Response>>();
      for (int i = 0; i < 32; i++) {
        pages.add(pool.submit(() -> andy.get("/camunda/app/tasklist/default/", "text/html")));
      }
      var nonce = java.util.regex.Pattern.compile("nonce-([^']+)'");
      for (var future : pages) {
        Http.Response page = future.get();
        var policy = nonce.matcher(page.header("Content-Security-Policy"));
        assertThat(policy.find()).as(page.header("Content-Security-Policy")).isTrue();
        assertThat(page.body()).as("the page's scripts are allowed by its own policy")
            .contains("nonce=\"" + policy.group(1) + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nobodyGetsATokenWithoutSigningIn() {
    assertThat(Http.anonymous(port).get("/api/csrf").status()).isEqualTo(401);
  }

  @Test
  void dubansIconIsServedToItsPagesAndToTheWebapps() throws Exception {
    byte[] icon = new ClassPathResource("static/favicon.ico").getContentAsByteArray();
    assertThat(Http.anonymous(port).getBytes("/favicon.ico")).isEqualTo(icon);
    Http andy = Http.browser(port);
    andy.signIn(ANDY, PASSWORD);
    assertThat(andy.getBytes("/camunda/favicon.ico")).as("not Camunda's own icon").isEqualTo(icon);
  }
}
