package cn.duban.system.engine;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/** The guard's rules that are not about one process: bureau-wide figures and people's own profiles. */
@DubanSpringTest
class EngineCallGuardHttpTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  Http as(String user) {
    return Http.basic(port, user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
  }

  @Test
  void aCadreSeesNoBureauWideStatistics() {
    for (String path : List.of("/engine-rest/process-definition/statistics",
        "/engine-rest/process-definition/key/duban-item/statistics", "/engine-rest/deployment/statistics",
        "/engine-rest/task/report/candidate-group-count",
        "/engine-rest/history/process-definition/duban-item/statistics")) {
      Http.Response cadre = as(ANDY).get(path);
      if (cadre.status() == 404) {
        continue; // an endpoint this engine version does not have
      }
      assertThat(cadre.status()).as(path + ": " + cadre.body()).isEqualTo(403);
      assertThat(cadre.json().get("message").asText()).contains("全局统计只对督查室、局领导、审计和管理员开放");
    }
    assertThat(as(OFFICE).get("/engine-rest/process-definition/statistics").status()).isEqualTo(200);
    assertThat(as(AUDITOR).get("/engine-rest/process-definition/statistics").status()).isEqualTo(200);
  }

  @Test
  void peopleChangeTheirOwnPasswordButNotTheirNameOrEmail() {
    Http andy = as(ANDY);
    Http.Response rename = andy.put("/engine-rest/user/" + ANDY + "/profile",
        Map.of("id", ANDY, "firstName", "改名", "lastName", "", "email", "andy@evil.example"));
    assertThat(rename.status()).as(rename.body()).isEqualTo(403);
    assertThat(rename.json().get("message").asText()).contains("姓名和电子邮箱由管理员统一维护");
    assertThat(identityService.createUserQuery().userId(ANDY).singleResult().getEmail())
        .isEqualTo(ANDY + "@example.gov.cn");

    Http.Response password = andy.put("/engine-rest/user/" + ANDY + "/credentials",
        Map.of("password", "Another-pass-1", "authenticatedUserPassword", PASSWORD));
    assertThat(password.status()).as(password.body()).isEqualTo(204);
    Http.Response back = Http.basic(port, ANDY, "Another-pass-1").put("/engine-rest/user/" + ANDY + "/credentials",
        Map.of("password", PASSWORD, "authenticatedUserPassword", "Another-pass-1"));
    assertThat(back.status()).as(back.body()).isEqualTo(204);
  }

  @Test
  void engineErrorsArriveInChineseWithHonestStatuses() {
    Http.Response missing = as(ANDY).post("/engine-rest/task/no-such-task/complete", Map.of("variables", Map.of()));
    assertThat(missing.status()).as(missing.body()).isIn(404, 409);
    assertThat(missing.json().get("message").asText()).containsPattern("[\\u4e00-\\u9fff]");
    Http.Response malformed = as(ANDY).postRaw("/engine-rest/task", "application/json", "{not json");
    assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText()).contains("JSON");
    assertThat(malformed.json().get("message").asText()).containsPattern("[\\u4e00-\\u9fff]");
  }
}
