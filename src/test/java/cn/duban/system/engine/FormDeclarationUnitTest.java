package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

class FormDeclarationUnitTest {

  static FormDeclaration form(String file) throws IOException {
    try (var in = new FileInputStream("forms/" + file)) {
      return FormDeclaration.parse("测试表单", in);
    }
  }

  @Test
  void inputsAreTheEnabledKeyedFieldsAndNotWhatTheFormOnlyShows() throws IOException {
    assertThat(form("item-handle.form").keys()).containsExactlyInAnyOrder("handleAction", "progressText",
        "resultText", "extensionReason", "extensionDate");
    assertThat(form("item-approve-extension.form").keys()).containsExactlyInAnyOrder("extensionDecision",
        "extensionComment");
    assertThat(form("item-co-unit-sign-for.form").keys()).isEmpty();
  }

  @Test
  void refusesUndeclaredFieldsWrongChoicesLongTextsAndControlCharacters() throws IOException {
    FormDeclaration handle = form("item-handle.form");
    Map<String, Object> submitted = new HashMap<>();
    submitted.put("handleAction", "EXTEND");
    submitted.put("extensionDate", "2027-06-30");
    assertThat(handle.problems(submitted, k -> null)).isEmpty();

    submitted.put("leaderId", "huangjunjie");
    assertThat(handle.problems(submitted, k -> null)).singleElement().asString().contains("leaderId");
    submitted.remove("leaderId");

    assertThat(handle.problems(Map.of("handleAction", "APPROVE"), k -> null)).singleElement().asString()
        .contains("只能选择表单中给出的选项");
    assertThat(handle.problems(Map.of("progressText", "x".repeat(4001)), k -> null)).singleElement().asString()
        .contains("不能超过 4000 个字");
    assertThat(handle.problems(Map.of("progressText", "进展\u0000"), k -> null)).singleElement().asString()
        .contains("控制字符").contains("U+0000");
    assertThat(handle.problems(Map.of("progressText", Variables.stringValue("第一行\n第二行\t完")), k -> null)).isEmpty();
    assertThat(handle.problems(Map.of("extensionDate", "明年"), k -> null)).singleElement().asString()
        .contains("格式不对");
    assertThat(handle.problems(Map.of("handleAction", 7), k -> null)).singleElement().asString().contains("选项");
  }

  @Test
  void aFormWithoutFieldsAcceptsNothing() {
    assertThat(FormDeclaration.none("任务「x」的表单").problems(Map.of("a", 1), k -> null)).singleElement()
        .asString().contains("没有可填写的字段");
  }

  @Test
  void theGuardCanReadEveryCommandFieldItNeedsInThisCamundaVersion() {
    // CommandInputs fails in its static initialiser when Camunda renames a field it reads
    assertThat(CommandInputs.COMPLETE_VARIABLES).isNotNull();
    assertThat(CommandInputs.IDENTITY_LINK_USER_ID).isNotNull();
  }
}
