package cn.duban.item;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.system.BureauClock;
import cn.duban.system.security.Roles;

/**
 * The 交办 start form picks units, people, leaders and lists by name from lists made when the form opens, and what
 * it submits (a multi-select of co-units arrives as a JSON list) is issued by the same rules as POST /api/items.
 */
@DubanSpringTest
class IssueFormHttpTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired OrganisationService organisation;
  @Autowired ItemRepository repository;
  @Autowired BureauClock clock;

  Http office() {
    return Http.basic(port, OFFICE, PASSWORD);
  }

  JsonNode options(JsonNode formVariables, String key) throws Exception {
    JsonNode variable = formVariables.get(key);
    assertThat(variable).as(key).isNotNull();
    assertThat(variable.get("valueInfo").get("serializationDataFormat").asText()).isEqualTo("application/json");
    return JSON.readTree(variable.get("value").asText());
  }

  @Test
  void theStartFormOpensWithTheOrganisationOfTheMomentByName() throws Exception {
    JsonNode variables = office().get("/engine-rest/process-definition/key/duban-item/form-variables").json();
    assertThat(options(variables, "unitOptions")).anySatisfy(o -> {
      assertThat(o.get("label").asText()).isEqualTo("甲科");
      assertThat(o.get("value").asText()).isEqualTo(UNIT_A);
    });
    assertThat(options(variables, "personOptions")).anySatisfy(o -> {
      assertThat(o.get("value").asText()).isEqualTo(ANDY);
      assertThat(o.get("label").asText()).isEqualTo("安迪（甲科）");
      assertThat(o.get("units").toString()).contains(UNIT_A);
    });
    assertThat(options(variables, "leaderOptions")).extracting(o -> o.get("value").asText()).contains(LEADER)
        .doesNotContain(ANDY);

    // a unit added in Camunda Admin is offered at once, without a redeployment
    organisation.ensureGroup("XINK", "新设科", Roles.TYPE_UNIT);
    assertThat(options(office().get("/engine-rest/process-definition/key/duban-item/form-variables").json(),
        "unitOptions")).extracting(o -> o.get("label").asText()).contains("新设科");
  }

  @Test
  void whatTheStartFormSubmitsIsIssuedWithItsCoUnitsAndPickedPeople() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("title", Map.of("value", "从发起表单交办"));
    fields.put("unitId", Map.of("value", UNIT_A));
    fields.put("assignee", Map.of("value", ANDY));
    fields.put("leaderId", Map.of("value", LEADER));
    fields.put("deadline", Map.of("value", clock.today().plusDays(7).toString()));
    // as Tasklist sends form-js's multi-select: a JSON list, typed like the options it was picked from
    fields.put("coUnitIds", Map.of("type", "Object", "value", "[\"" + UNIT_B + "\"]", "valueInfo",
        Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json")));
    Http.Response started = office().post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", fields));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    ItemRow item = repository.find(started.json().get("businessKey").asText()).orElseThrow();
    assertThat(item.unitId()).isEqualTo(UNIT_A);
    assertThat(item.assignee()).isEqualTo(ANDY);
    assertThat(item.coUnitIds()).containsExactly(UNIT_B);
  }

  @Test
  void aPersonPickedFromAnotherUnitOrAListOfAnotherTypeIsRefusedInChinese() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("title", Map.of("value", "责任人不在责任部门"));
    fields.put("unitId", Map.of("value", UNIT_A));
    fields.put("assignee", Map.of("value", BOB));
    fields.put("deadline", Map.of("value", clock.today().plusDays(7).toString()));
    Http.Response wrongPerson = office().post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", fields));
    assertThat(wrongPerson.status()).as(wrongPerson.body()).isEqualTo(400);
    assertThat(wrongPerson.json().get("message").asText()).contains("不是责任部门").contains(BOB);

    fields.put("assignee", Map.of("value", ALICE));
    fields.put("coUnitIds", Map.of("type", "Object", "value", "{\"x\":1}", "valueInfo",
        Map.of("objectTypeName", "java.util.HashMap", "serializationDataFormat", "application/json")));
    Http.Response wrongShape = office().post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", fields));
    assertThat(wrongShape.status()).as(wrongShape.body()).isEqualTo(400);
    assertThat(wrongShape.json().get("message").asText()).contains("协办部门").contains("数据类型不对");

    fields.put("coUnitIds", Map.of("type", "Object", "value", "[\"NOSUCH\"]", "valueInfo",
        Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json")));
    Http.Response unknownUnit = office().post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", fields));
    assertThat(unknownUnit.status()).as(unknownUnit.body()).isEqualTo(400);
    assertThat(unknownUnit.json().get("message").asText()).contains("协办部门「NOSUCH」不存在");
  }

  @Test
  void aTaskFormOpensWithTheOptionsToo() throws Exception {
    Http.Response issued = office().post("/api/items", Map.of("title", "改派表单的选项", "unitId", UNIT_A,
        "deadline", clock.today().plusDays(9).toString()));
    String code = issued.json().get("code").asText();
    JsonNode task = office().get("/engine-rest/task?processInstanceBusinessKey=" + code).json().get(0);
    JsonNode variables = Http.basic(port, ANDY, PASSWORD)
        .get("/engine-rest/task/" + task.get("id").asText() + "/form-variables").json();
    assertThat(options(variables, "unitOptions")).isNotEmpty();
    assertThat(variables.get("title").get("value").asText()).isEqualTo("改派表单的选项");
    assertThat(variables.has("listOptions")).isTrue();
  }
}
