package cn.duban.operations;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.system.DemoMode;

/**
 * Health for a load balancer and an orchestrator: open to anyone, status only; liveness and readiness groups (the
 * latter with the database, the migrations, the job executor and the demo items); the parts are shown to admins
 * only.
 */
@DubanSpringTest
class HealthHttpTest {

  @LocalServerPort int port;
  @Autowired DemoMode demoMode;

  @Test
  void healthIsOpenAndTellsNothingButTheStatus() {
    for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
        "/livez", "/readyz"}) {
      Http.Response health = Http.anonymous(port).get(path);
      assertThat(health.status()).as(path).isEqualTo(200);
      assertThat(health.json().get("status").asText()).as(path).isEqualTo("UP");
      // the root names its groups (liveness, readiness): nothing about the database, disks or versions
      assertThat(health.json().fieldNames()).toIterable().as(path).isSubsetOf("status", "groups");
    }
    Http.Response cadre = Http.basic(port, ALICE, PASSWORD).get("/actuator/health");
    assertThat(cadre.json().fieldNames()).toIterable().as("a cadre sees no more than anyone")
        .isSubsetOf("status", "groups");
    assertThat(Http.anonymous(port).get("/actuator/health/db").status()).as("a part by name").isEqualTo(404);
  }

  @Test
  void anAdminSeesWhatReadinessChecks() {
    var readiness = Http.basic(port, ADMIN, ADMIN_PASSWORD).get("/actuator/health/readiness").json();
    assertThat(readiness.get("status").asText()).isEqualTo("UP");
    assertThat(readiness.get("components").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("readinessState", "db", "migrations", "jobExecution", "demoItems");
    var liveness = Http.basic(port, ADMIN, ADMIN_PASSWORD).get("/actuator/health/liveness").json();
    assertThat(liveness.get("components").fieldNames()).toIterable().containsExactly("livenessState");
  }

  /**
   * On a first start in demo mode, people sign in while the demo items are still being created in the background:
   * pages say so, and the node is alive but not ready (a load balancer, and the tests' nodes, wait for the items).
   */
  @Test
  void whileTheDemoItemsAreCreatedPeopleSignInPagesSaySoAndTheNodeIsNotReady() {
    assertThat(Http.basic(port, ALICE, PASSWORD).get("/", "text/html").body()).doesNotContain("演示数据正在生成");
    demoMode.itemsLoading(true);
    try {
      assertThat(Http.anonymous(port).get("/readyz").status()).isEqualTo(503);
      assertThat(Http.anonymous(port).get("/livez").status()).isEqualTo(200);
      var readiness = Http.basic(port, ADMIN, ADMIN_PASSWORD).get("/actuator/health/readiness").json();
      assertThat(readiness.get("components").get("demoItems").get("status").asText()).isEqualTo("OUT_OF_SERVICE");
      Http.Response home = Http.basic(port, ALICE, PASSWORD).get("/", "text/html");
      assertThat(home.status()).isEqualTo(200);
      assertThat(home.body()).contains("演示数据正在生成");
    } finally {
      demoMode.itemsLoading(false);
    }
    assertThat(Http.anonymous(port).get("/readyz").status()).isEqualTo(200);
  }
}
