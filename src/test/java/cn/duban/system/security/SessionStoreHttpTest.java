package cn.duban.system.security;

import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Sign-in sessions live in PostgreSQL (Spring Session JDBC, {@code duban.spring_session}), expire after
 * {@code DUBAN_SESSION_TIMEOUT} of inactivity and are deleted once expired. That a second node serves them is
 * {@code SessionsAcrossNodesIntegrationTest}.
 */
@DubanSpringTest
class SessionStoreHttpTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired JdbcIndexedSessionRepository sessions;

  Http signedIn(String user) {
    Http browser = Http.browser(port);
    assertThat(browser.signIn(user, PASSWORD).status()).isEqualTo(302);
    assertThat(browser.get("/api/me").status()).isEqualTo(200);
    return browser;
  }

  /** The session id the browser's cookie carries (Spring Session writes it Base64-encoded). */
  static String sessionId(Http browser) {
    String cookie = browser.cookie("JSESSIONID");
    assertThat(cookie).as("the session cookie keeps its name").isNotNull();
    return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
  }

  @Test
  void aSignInIsStoredInPostgreSQLWithThePersonAndTheConfiguredTimeout() {
    Http browser = signedIn("alice");
    var row = jdbc.queryForMap("select principal_name, max_inactive_interval from duban.spring_session "
        + "where session_id = ?", sessionId(browser));
    assertThat(row.get("principal_name")).isEqualTo("alice");
    assertThat(row.get("max_inactive_interval")).as("DUBAN_SESSION_TIMEOUT, 8h by default").isEqualTo(8 * 3600);
    // the webapps' own authentication travels in the same row set (any node's Tasklist knows the person)
    assertThat(browser.get("/camunda/api/admin/auth/user/default").json().get("userId").asText()).isEqualTo("alice");
    assertThat(jdbc.queryForList("select a.attribute_name from duban.spring_session_attributes a "
            + "join duban.spring_session s on s.primary_id = a.session_primary_id where s.session_id = ?",
        String.class, sessionId(browser)))
        .contains("SPRING_SECURITY_CONTEXT", "authenticatedUser");
  }

  @Test
  void theSessionCookieStaysHttpOnlyAndSameSiteLax() {
    Http browser = Http.browser(port);
    var response = browser.signIn("andy", PASSWORD);
    assertThat(response.headers("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
  }

  @Test
  void anExpiredSessionSignsThePersonOutAndIsDeletedByTheCleanup() {
    Http browser = signedIn("bob");
    String id = sessionId(browser);
    // as if the person had been away longer than DUBAN_SESSION_TIMEOUT
    jdbc.update("update duban.spring_session set last_access_time = last_access_time - 9 * 3600 * 1000, "
        + "expiry_time = expiry_time - 9 * 3600 * 1000 where session_id = ?", id);

    assertThat(browser.get("/api/me").status()).isEqualTo(401);
    sessions.cleanUpExpiredSessions();
    assertThat(jdbc.queryForObject("select count(*) from duban.spring_session where session_id = ?", Long.class, id))
        .isZero();
  }

  @Test
  void signingOutDeletesTheSession() {
    Http browser = signedIn("eve");
    String id = sessionId(browser);
    String token = browser.formToken("/");
    browser.postForm("/logout", java.util.Map.of("_csrf", token));
    assertThat(jdbc.queryForObject("select count(*) from duban.spring_session where session_id = ?", Long.class, id))
        .isZero();
  }
}
