package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The deployment rules without an engine: what counts as a retention, a script, a contract. */
class DeploymentValidatorUnitTest {

  static final ProcessContract CONTRACT = new ProcessContract("duban-sample", Set.of("Task_1", "Task_Required"),
      Set.of("duban-sample-message")).withBeans("knownDelegate");

  /** The application's beans: one declared in the contract, two internal ones. */
  static final Set<String> BEANS = Set.of("knownDelegate", "dataSource", "taskService");

  static DeploymentValidator validator(boolean scriptsEnabled) {
    return new DeploymentValidator(new DeploymentValidator.Settings(10_000, 3650, scriptsEnabled),
        () -> List.of(CONTRACT), DeploymentValidator.lookups(BEANS::contains, "known-form"::equals));
  }

  static Map<String, byte[]> bpmn(String processAttributes, String body) {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     targetNamespace="test">
          <process id="sample" isExecutable="true" %s>%s</process>
        </definitions>
        """.formatted(processAttributes, body);
    return Map.of("sample.bpmn", xml.getBytes(StandardCharsets.UTF_8));
  }

  static final String GOOD_TASK = "<userTask id=\"Task_1\" camunda:assignee=\"${assignee}\" camunda:dueDate=\"${dueAt}\" "
      + "camunda:formRef=\"known-form\"/>";

  @Test
  void acceptsRetentionInDaysOrAsAnIsoPeriod() {
    assertThat(validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", GOOD_TASK))).isEmpty();
    assertThat(validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"P3650D\"", GOOD_TASK))).isEmpty();
    assertThat(validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"P10Y\"", GOOD_TASK)))
        .singleElement().asString().contains("历史保留期限「P10Y」无法识别");
  }

  @Test
  void acceptsCandidateUsersAndAKnownDelegate() {
    String body = "<userTask id=\"Task_1\" camunda:candidateUsers=\"olivia\" camunda:dueDate=\"${dueAt}\"/>"
        + "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${knownDelegate}\"/>";
    assertThat(validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", body))).isEmpty();
  }

  @Test
  void scriptsPassOnlyWhenEnabled() {
    String body = GOOD_TASK + "<scriptTask id=\"Script_1\" scriptFormat=\"groovy\"><script>1</script></scriptTask>";
    assertThat(validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", body)))
        .singleElement().asString().contains("包含脚本（脚本任务 Script_1）");
    assertThat(validator(true).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", body))).isEmpty();
  }

  @Test
  void aNonExecutableProcessIsNotChecked() {
    assertThat(validator(false).problems(null, Map.of("a.bpmn", """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="sketch" isExecutable="false"><userTask id="Task_1"/></process>
        </definitions>""".getBytes(StandardCharsets.UTF_8)))).isEmpty();
  }

  @Test
  void theContractAppliesOnlyToItsOwnProcess() {
    String sample = new String(bpmn("camunda:historyTimeToLive=\"3650\"", GOOD_TASK).get("sample.bpmn"),
        StandardCharsets.UTF_8);
    assertThat(validator(false).problems(null, Map.of("s.bpmn", sample.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    List<String> problems = validator(false).problems(null,
        Map.of("s.bpmn", sample.replace("id=\"sample\"", "id=\"duban-sample\"").getBytes(StandardCharsets.UTF_8)));
    assertThat(problems).hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("缺少 duban 依赖的元素「Task_Required」"))
        .anySatisfy(p -> assertThat(p).contains("缺少 duban 依赖的消息「duban-sample-message」"));
  }

  @Test
  void contractsAreReadFromTheConstantsOfAHolder() {
    ProcessContract contract = ProcessContract.fromConstants("k", Holder.class, null);
    assertThat(contract.elementIds()).containsExactlyInAnyOrder("Task_A", "Task_B");
    assertThat(contract.messageNames()).isEmpty();
  }

  static final class Holder {
    public static final String A = "Task_A";
    public static final String B = "Task_B";
    public static final int NOT_AN_ID = 3;
    public String notStatic = "x";
  }

  @Test
  void formsMustBeValidAndCarryAnId() {
    assertThat(validator(false).problems(null, Map.of("f.form", "{\"components\": []}".getBytes(StandardCharsets.UTF_8))))
        .singleElement().asString().contains("〔f.form〕表单缺少 id");
    assertThat(validator(false).problems(null, Map.of("g.form", "{oops".getBytes(StandardCharsets.UTF_8))))
        .singleElement().asString().contains("〔g.form〕不是有效的 Camunda 表单");
  }

  @Test
  void aDoctypeIsRefusedEvenInUtf16() {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"&e;\"/>";
    assertThat(validator(false).problems(null, Map.of("u.bpmn", xml.getBytes(StandardCharsets.UTF_16))))
        .singleElement().asString().contains("含有 DOCTYPE");
  }
}
