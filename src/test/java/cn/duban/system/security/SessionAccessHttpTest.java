package cn.duban.system.security;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Issue 12, point 6: an open session follows what the admin changes in Camunda Admin (here over /engine-rest, as
 * Admin does): a removed membership takes the unit's items out of the session, a new password or a deleted user ends
 * every session of that user, on duban's pages and API and in the webapps. Time is driven past
 * {@code duban.session.recheck-interval} instead of waiting.
 */
@DubanSpringTest
class SessionAccessHttpTest {

  static final String WEBAPP_TASKS = "/camunda/api/engine/engine/default/task";

  @LocalServerPort int port;
  @Autowired SessionProperties sessions;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  Http admin() {
    return Http.basic(port, ADMIN, ADMIN_PASSWORD);
  }

  /** Past the time a node may rely on what it last read of a person. */
  void afterRecheckInterval() {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(sessions.recheckInterval()).plusSeconds(1)));
  }


  Http signedIn(String user, String password) {
    Http browser = Http.browser(port);
    assertThat(browser.signIn(user, password).status()).isEqualTo(302);
    assertThat(browser.get("/api/me").status()).isEqualTo(200);
    return browser;
  }

  @Test
  void removingACadreFromHisUnitTakesTheUnitsItemsOutOfHisOpenSession() {
    String cadre = Fixtures.newUser(admin(), "sess", UNIT_A);
    String code = Fixtures.issueToUnitA(port, "会话随部门变化");
    Http browser = signedIn(cadre, PASSWORD);
    assertThat(browser.get("/api/items/" + code).status()).isEqualTo(200);
    assertThat(browser.get("/items/" + code, "text/html").status()).isEqualTo(200);
    assertThat(browser.get(WEBAPP_TASKS + "?processInstanceBusinessKey=" + code).json()).as("Tasklist").hasSize(1);

    assertThat(admin().delete("/engine-rest/group/" + UNIT_A + "/members/" + cadre).status()).isEqualTo(204);
    // HTTP Basic is checked afresh on every call
    assertThat(Http.basic(port, cadre, PASSWORD).get("/api/items/" + code).status()).isIn(403, 404);

    afterRecheckInterval();
    assertThat(browser.get("/api/me").json().get("unitIds")).isEmpty();
    assertThat(browser.get("/api/items/" + code).status()).isIn(403, 404);
    assertThat(browser.get("/items/" + code, "text/html").status()).isIn(403, 404);
    assertThat(browser.get(WEBAPP_TASKS + "?processInstanceBusinessKey=" + code).json())
        .as("Tasklist, whose session keeps its own copy of the groups").isEmpty();
    assertThat(browser.get("/camunda/api/admin/auth/user/default").json().get("userId").asText()).isEqualTo(cadre);

    // and back: a new membership reaches the open session the same way
    assertThat(admin().put("/engine-rest/group/" + UNIT_A + "/members/" + cadre, Map.of()).status()).isEqualTo(204);
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(sessions.recheckInterval())
        .plusSeconds(1)));
    assertThat(browser.get("/api/items/" + code).status()).isEqualTo(200);
    assertThat(browser.get(WEBAPP_TASKS + "?processInstanceBusinessKey=" + code).json()).hasSize(1);
  }

  @Test
  void aPasswordResetByTheAdminEndsEverySessionOfThatUser() {
    String cadre = Fixtures.newUser(admin(), "sess", UNIT_A);
    Http office = signedIn(cadre, PASSWORD);
    Http home = signedIn(cadre, PASSWORD);
    Http tasklist = Http.browser(port).withWebappCsrfToken();
    assertThat(tasklist.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", cadre, "password", PASSWORD)).status()).isEqualTo(200);
    assertThat(tasklist.get(WEBAPP_TASKS).status()).isEqualTo(200);

    Http.Response reset = admin().put("/engine-rest/user/" + cadre + "/credentials",
        Map.of("password", "new-pass-2026", "authenticatedUserPassword", ADMIN_PASSWORD));
    assertThat(reset.status()).as(reset.body()).isEqualTo(204);

    afterRecheckInterval();
    assertThat(office.get("/api/me").status()).isEqualTo(401);
    Http.Response page = home.get("/", "text/html");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
    assertThat(tasklist.get(WEBAPP_TASKS).status()).isEqualTo(401);
    // ended for good, not just for one request
    assertThat(home.get("/api/me").status()).isEqualTo(401);

    assertThat(Http.basic(port, cadre, PASSWORD).get("/api/me").status()).isEqualTo(401);
    assertThat(signedIn(cadre, "new-pass-2026").get("/api/me").json().get("id").asText()).isEqualTo(cadre);
  }

  @Test
  void deletingAUserEndsTheirSessions() {
    String cadre = Fixtures.newUser(admin(), "sess", UNIT_A);
    Http browser = signedIn(cadre, PASSWORD);
    assertThat(browser.get(WEBAPP_TASKS).status()).isEqualTo(200);

    assertThat(admin().delete("/engine-rest/user/" + cadre).status()).isEqualTo(204);
    afterRecheckInterval();
    for (String path : List.of("/api/me", WEBAPP_TASKS)) {
      assertThat(browser.get(path).status()).as(path).isEqualTo(401);
    }
  }
}
