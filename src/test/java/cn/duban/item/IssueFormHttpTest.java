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

  static JsonNode field(JsonNode form, String key) {
    for (JsonNode component : form.path("components")) {
      if (key.equals(component.path("key").asText())) {
        return component;
      }
    }
    throw new AssertionError("no field " + key + " in " + form);
  }

  /** The options a served form offers in its field {@code key}. */
  static JsonNode options(JsonNode form, String key) {
    JsonNode component = field(form, key);
    assertThat(component.has("valuesKey")).as(key + " is served with its values").isFalse();
    return component.path("values");
  }

  @Test
  void theStartFormIsServedWithTheOrganisationOfTheMomentByName() {
    JsonNode form = office().get("/engine-rest/process-definition/key/duban-item/deployed-start-form").json();
    assertThat(options(form, "unitId")).anySatisfy(o -> {
      assertThat(o.get("label").asText()).isEqualTo("甲科");
      assertThat(o.get("value").asText()).isEqualTo(UNIT_A);
    });
    // people by name with their units, only those of the chosen unit once one is chosen (a FEEL expression)
    String people = field(form, "assignee").get("valuesExpression").asText();
    assertThat(people).contains("if unitId = \"" + UNIT_A + "\" then [").contains("{label: \"安迪（甲科）\", value: \""
        + ANDY + "\"}").doesNotContain("personOptions");
    assertThat(options(form, "leaderId")).extracting(o -> o.get("value").asText()).contains(LEADER)
        .doesNotContain(ANDY);
    assertThat(options(form, "coUnitIds")).extracting(o -> o.get("label").asText()).contains("乙科");

    // a unit added in Camunda Admin is offered at once, without a redeployment
    organisation.ensureGroup("XINK", "新设科", Roles.TYPE_UNIT);
    assertThat(options(office().get("/engine-rest/process-definition/key/duban-item/deployed-start-form").json(),
        "unitId")).extracting(o -> o.get("label").asText()).contains("新设科");
  }

  @Test
  void whatTheStartFormSubmitsIsIssuedWithItsCoUnitsAndPickedPeople() {
    Map<String, Object> fields = new HashMap<>();
    fields.put("title", Map.of("value", "从发起表单交办"));
    fields.put("unitId", Map.of("value", UNIT_A));
    fields.put("assignee", Map.of("value", ANDY));
    fields.put("leaderId", Map.of("value", LEADER));
    fields.put("deadline", Map.of("value", clock.today().plusDays(7).toString()));
    // as Tasklist sends form-js's multi-select: a JSON value
    fields.put("coUnitIds", Map.of("type", "Json", "value", "[\"" + UNIT_B + "\"]"));
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

    fields.put("coUnitIds", Map.of("type", "Json", "value", "[\"NOSUCH\"]"));
    Http.Response unknownUnit = office().post("/engine-rest/process-definition/key/duban-item/submit-form",
        Map.of("variables", fields));
    assertThat(unknownUnit.status()).as(unknownUnit.body()).isEqualTo(400);
    assertThat(unknownUnit.json().get("message").asText()).contains("协办部门").contains("NOSUCH");
  }

  @Test
  void aTaskFormIsServedWithTheOptionsToo() {
    Http.Response issued = office().post("/api/items", Map.of("title", "改派表单的选项", "unitId", UNIT_A,
        "deadline", clock.today().plusDays(9).toString()));
    String code = issued.json().get("code").asText();
    JsonNode task = office().get("/engine-rest/task?processInstanceBusinessKey=" + code).json().get(0);
    // the 签收 form has no choices of the organisation; the served form is the deployed one
    JsonNode form = Http.basic(port, ANDY, PASSWORD).get("/engine-rest/task/" + task.get("id").asText()
        + "/deployed-form").json();
    assertThat(form.path("components").toString()).contains("signForDecision").doesNotContain("valuesKey");
  }
}
