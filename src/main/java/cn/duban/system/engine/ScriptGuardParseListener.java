package cn.duban.system.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Refuses BPMN that contains scripts (script tasks, {@code camunda:script} in listeners or input/output,
 * conditions with a script language) while scripts are disabled: a deployed script runs with the engine's
 * rights, so only an admin may turn scripts on ({@code DUBAN_SCRIPTS_ENABLED=true}).
 */
public class ScriptGuardParseListener extends AbstractBpmnParseListener {

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    List<String> found = new ArrayList<>();
    collect(processElement, found);
    if (!found.isEmpty()) {
      throw new ProcessEngineException("部署被拒绝：流程「" + processDefinition.getKey() + "」包含脚本（"
          + String.join("、", found) + "），而本系统禁用了 BPMN 中的脚本。如确需脚本，请管理员设置 DUBAN_SCRIPTS_ENABLED=true。");
    }
  }

  private static void collect(Element element, List<String> found) {
    String script = describe(element.getTagName(), element.getUri(), element.attribute("language"),
        element.attribute("id"));
    if (script != null) {
      found.add(script);
    }
    for (Element child : element.elements()) {
      collect(child, found);
    }
  }

  /**
   * The Chinese description of a script in a BPMN element, or null when the element holds none. Shared with
   * {@link DeploymentValidator}, which reports it among all problems before the engine parses.
   */
  static String describe(String tag, String namespaceUri, String language, String id) {
    if ("scriptTask".equals(tag)) {
      return "脚本任务 " + id;
    } else if ("script".equals(tag) && DeploymentValidator.CAMUNDA_NS.equals(namespaceUri)) {
      return "camunda:script";
    } else if (("conditionExpression".equals(tag) || "condition".equals(tag)) && language != null) {
      return "脚本条件（" + language + "）";
    }
    return null;
  }
}
