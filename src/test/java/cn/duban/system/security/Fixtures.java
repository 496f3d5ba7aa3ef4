package cn.duban.system.security;

import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import cn.duban.support.Http;

/** What the security tests set up over HTTP, as people do: their own users, an item to look at. */
final class Fixtures {

  private Fixtures() {
  }

  /**
   * A user nobody else signs in as, created by the admin over /engine-rest as in Camunda Admin, with password
   * {@code TestBureau.PASSWORD} and member of {@code groups}.
   */
  static String newUser(Http admin, String prefix, String... groups) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Response created = admin.post("/engine-rest/user/create", Map.of(
        "profile", Map.of("id", id, "firstName", "测试", "lastName", "", "email", id + "@example.gov.cn"),
        "credentials", Map.of("password", PASSWORD)));
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    for (String group : groups) {
      assertThat(admin.put("/engine-rest/group/" + group + "/members/" + id, Map.of()).status()).isEqualTo(204);
    }
    return id;
  }

  /** An item of 甲科 issued by the office; its code. */
  static String issueToUnitA(int port, String title) {
    Http.Response issued = Http.basic(port, OFFICE, PASSWORD).post("/api/items", Map.of("title", title,
        "unitId", UNIT_A, "leaderId", LEADER, "deadline", LocalDate.now().plusDays(15).toString()));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("code").asText();
  }
}
