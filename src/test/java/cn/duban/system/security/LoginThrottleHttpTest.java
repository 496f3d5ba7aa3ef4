package cn.duban.system.security;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Issue 12, point 4: repeated failed sign-ins are slowed down per user name and per client address, the person is
 * told so in Chinese on every way in, and nothing is ever locked for good. Every test signs in as a user of its own,
 * from addresses of its own (sent as X-Forwarded-For, which duban believes from a proxy on the same machine), with
 * the clock driven instead of waiting.
 */
@DubanSpringTest
class LoginThrottleHttpTest {

  static final String FORWARDED_FOR = "X-Forwarded-For";
  static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired LoginThrottleProperties settings;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  String newUser() {
    return Fixtures.newUser(admin(), "thr");
  }

  /** A client address of the documentation range, not used by any other test. */
  static String newAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  Http admin() {
    return Http.basic(port, ADMIN, ADMIN_PASSWORD);
  }

  Http basic(String user, String password, String address) {
    return Http.basic(port, user, password).withHeader(FORWARDED_FOR, address);
  }

  static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  int engineFailedAttempts(String user) {
    return ((UserEntity) identityService.createUserQuery().userId(user).singleResult()).getAttempts();
  }

  @Test
  void elevenWrongPasswordsOverSixMinutesSlowTheGuesserDownButNeverLockTheAccount() {
    String user = newUser();
    String address = newAddress();
    Instant start = Instant.now();
    for (int i = 1; i <= 11; i++) {
      at(start.plusSeconds(33L * i));
      Http.Response wrong = basic(user, "guess-" + i, address).get("/api/me");
      assertThat(wrong.status()).as("attempt %d", i).isEqualTo(401);
      assertThat(wrong.json().get("detail").asText()).contains("用户名或密码错误");
    }
    // the engine's own count passed its old lock-out threshold (10: ENGINE-27002, locked for good)
    assertThat(engineFailedAttempts(user)).isEqualTo(11);
    Instant lastFailure = start.plusSeconds(33L * 11);

    // 5 free failures, then 2, 4, 8, 16, 32 and 64 s: during the wait even the right password is refused unchecked
    Http right = basic(user, PASSWORD, address);
    for (String path : List.of("/api/me", "/engine-rest/task")) {
      Http.Response refused = right.get(path);
      assertThat(refused.status()).as(path).isEqualTo(429);
      assertThat(refused.header("Retry-After")).isEqualTo("64");
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText()).isEqualTo("登录尝试过多，请 64 秒后再试。");
    }
    assertThat(engineFailedAttempts(user)).as("the password was not looked at").isEqualTo(11);
    at(lastFailure.plusSeconds(40));
    assertThat(right.get("/api/me").header("Retry-After")).isEqualTo("24");

    // after the wait the right password works: nothing was locked for good
    at(lastFailure.plusSeconds(65));
    Http.Response signedIn = right.get("/api/me");
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.json().get("id").asText()).isEqualTo(user);
    // and success cleared the user's failures: a typo now costs nothing
    assertThat(basic(user, "typo", address).get("/api/me").status()).isEqualTo(401);
    assertThat(right.get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void oneAddressTryingManyUserNamesIsSlowedDownForEveryName() {
    String user = newUser();
    String address = newAddress();
    at(Instant.now());
    for (int i = 0; i <= settings.freeFailuresPerAddress(); i++) {
      Http.Response wrong = basic("nobody-" + UUID.randomUUID().toString().substring(0, 8), "guess", address)
          .get("/api/me");
      assertThat(wrong.status()).as("name %d", i).isEqualTo(401);
    }
    Http.Response refused = basic(user, PASSWORD, address).get("/api/me");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("detail").asText()).isEqualTo("登录尝试过多，请 2 秒后再试。");
    // the user name itself has no failures: from another address the person signs in
    assertThat(basic(user, PASSWORD, newAddress()).get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void parallelGuessesCannotSlipThroughOnceTheFreeFailuresAreUsedUp() throws Exception {
    String user = newUser();
    String address = newAddress();
    at(Instant.now());
    for (int i = 0; i < settings.freeFailuresPerUser(); i++) {
      assertThat(basic(user, "guess-" + i, address).get("/api/me").status()).isEqualTo(401);
    }
    int parallel = 12;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        Http guesser = basic(user, "parallel-" + i, newAddress());
        answers.add(pool.submit(() -> {
          go.await();
          return guesser.get("/api/me").status();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      // one guess was checked (and started the wait); the others were refused without being checked
      assertThat(statuses).containsOnly(401, 429).filteredOn(s -> s == 401).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dubansLoginPageSaysHowLongToWait() {
    String user = newUser();
    Http browser = Http.browser(port).withHeader(FORWARDED_FOR, newAddress());
    at(Instant.now());
    for (int i = 0; i <= settings.freeFailuresPerUser(); i++) {
      assertThat(browser.signIn(user, "guess-" + i).location()).endsWith("/login?error");
    }
    Http.Response refused = browser.signIn(user, PASSWORD);
    assertThat(refused.location()).endsWith("/login?delayed");
    Http.Response page = browser.get("/login?delayed", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("登录尝试过多，请 2 秒后再试。");
    assertThat(browser.get("/api/me").status()).as("not signed in").isEqualTo(401);
  }

  @Test
  void theWebappsLoginBoxShowsHowLongToWait() {
    String user = newUser();
    // the webapps' own sequence: a first call gives the session its CSRF token, the login sends it back
    Http box = Http.browser(port).withHeader(FORWARDED_FOR, newAddress()).withWebappCsrfToken();
    at(Instant.now());
    for (int i = 0; i <= settings.freeFailuresPerUser(); i++) {
      Http.Response wrong = box.postForm(WEBAPP_LOGIN, Map.of("username", user, "password", "guess-" + i));
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().get("message").asText()).contains("用户名或密码错误");
    }
    Http.Response refused = box.postForm(WEBAPP_LOGIN, Map.of("username", user, "password", PASSWORD));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("2");
    // the login box shows the body's "message" (Camunda's login controller: error.data.message)
    assertThat(refused.json().get("message").asText()).isEqualTo("登录尝试过多，请 2 秒后再试。");

    at(ClockUtil.getCurrentTime().toInstant().plusSeconds(3));
    assertThat(box.postForm(WEBAPP_LOGIN, Map.of("username", user, "password", PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void anAdminSeesAndClearsDelaysOnAPageAndOverTheApi() {
    String user = newUser();
    String address = newAddress();
    at(Instant.now());
    for (int i = 0; i <= settings.freeFailuresPerUser(); i++) {
      assertThat(basic(user, "guess-" + i, address).get("/api/me").status()).isEqualTo(401);
    }
    assertThat(basic(user, PASSWORD, address).get("/api/me").status()).isEqualTo(429);

    JsonNode delays = admin().get("/api/admin/login-delays").json();
    JsonNode mine = null;
    for (JsonNode delay : delays) {
      if (delay.get("kind").asText().equals("user") && delay.get("value").asText().equals(user)) {
        mine = delay;
      }
    }
    assertThat(mine).as("%s is listed", user).isNotNull();
    assertThat(mine.get("failures").asInt()).isEqualTo(settings.freeFailuresPerUser() + 1);
    assertThat(mine.get("waitSeconds").asLong()).isEqualTo(2);
    assertThat(Http.basic(port, OFFICE, PASSWORD).get("/api/admin/login-delays").status()).isEqualTo(403);

    Http adminBrowser = Http.browser(port);
    assertThat(adminBrowser.signIn(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(302);
    Http.Response page = adminBrowser.get("/admin/login-delays", "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(user, "限速中，还需等待 2 秒");
    Http.Response cleared = adminBrowser.postForm("/admin/login-delays/clear", Map.of("kind", "user", "value", user,
        "_csrf", adminBrowser.formToken("/admin/login-delays")));
    assertThat(cleared.status()).isEqualTo(302);
    assertThat(adminBrowser.get("/admin/login-delays", "text/html").body()).contains("已清除 用户 " + user);
    assertThat(engineFailedAttempts(user)).as("the engine's count is reset too").isZero();
    // same instant, no wait: the person signs in again
    assertThat(Http.basic(port, user, PASSWORD).get("/api/me").status()).isEqualTo(200);

    assertThat(admin().delete("/api/admin/login-delays/address/" + address).status()).isEqualTo(204);
    assertThat(admin().get("/api/admin/login-delays").body()).doesNotContain(user, address);
    Http.Response wrongKind = admin().delete("/api/admin/login-delays/someone/" + user);
    assertThat(wrongKind.status()).isBetween(400, 422);
    assertThat(wrongKind.body()).contains("类型只能是 user");
  }
}
