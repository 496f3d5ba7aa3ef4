package cn.duban.operations;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * Health for a load balancer and an orchestrator: open to anyone, status only; liveness and readiness groups (the
 * latter with the database, the migrations and the job executor); the parts are shown to admins only.
 */
@DubanSpringTest
class HealthHttpTest {

  @LocalServerPort int port;

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
        .containsExactlyInAnyOrder("readinessState", "db", "migrations", "jobExecution");
    var liveness = Http.basic(port, ADMIN, ADMIN_PASSWORD).get("/actuator/health/liveness").json();
    assertThat(liveness.get("components").fieldNames()).toIterable().containsExactly("livenessState");
  }
}
