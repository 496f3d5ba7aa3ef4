package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;
import cn.duban.support.NodeDatabase;

/**
 * Any node serves any person: two duban processes on one PostgreSQL share the sign-in sessions (Spring Session
 * JDBC). A person signed in through one node is signed in on the other, on duban's pages and API and in the
 * webapps (whose authentication and CSRF token travel with the session), and carries on there after the first node
 * dies with {@code kill -9}.
 */
@DubanSpringTest
class SessionsAcrossNodesIntegrationTest {

  static final String WEBAPP_TASK_COUNT = "/camunda/api/engine/engine/default/task/count";

  @Autowired DataSource testDataSource;

  @Test
  void aPersonSignedInOnOneNodeIsSignedInOnTheOtherAndCarriesOnThereWhenTheFirstDies() {
    try (NodeDatabase database = NodeDatabase.create(testDataSource, "duban_sessions", Node.freePort());
         Node a = Node.start("sessions-a", database.cluster());
         Node b = Node.start("sessions-b", database.cluster())) {
      Http browser = Http.browser(a.port());
      assertThat(browser.signIn("huangjunjie", "demo").status()).isEqualTo(302);
      // Tasklist's CSRF token, handed out by node a
      Http webapps = browser.withWebappCsrfToken();

      Http onB = webapps.at(b.port());
      Http.Response me = onB.get("/api/me");
      assertThat(me.status()).as("the session made on node a, on node b").isEqualTo(200);
      assertThat(me.json().get("id").asText()).isEqualTo("huangjunjie");
      assertThat(me.header("X-Duban-Node")).isEqualTo("sessions-b");
      assertThat(onB.get("/", "text/html").status()).isEqualTo(200);
      assertThat(onB.get("/camunda/api/admin/auth/user/default").json().get("userId").asText())
          .isEqualTo("huangjunjie");
      assertThat(onB.post(WEBAPP_TASK_COUNT, Map.of()).status())
          .as("a webapps' write with the token node a gave").isEqualTo(200);
      assertThat(browser.at(b.port()).post(WEBAPP_TASK_COUNT, Map.of()).status())
          .as("the same without the token").isEqualTo(403);

      a.kill9();
      assertThat(onB.get("/api/me").json().get("id").asText()).as("node a is dead").isEqualTo("huangjunjie");
      assertThat(onB.get("/api/items").status()).isEqualTo(200);
      assertThat(onB.post(WEBAPP_TASK_COUNT, Map.of()).json().get("count").asInt()).isPositive();
    }
  }
}
