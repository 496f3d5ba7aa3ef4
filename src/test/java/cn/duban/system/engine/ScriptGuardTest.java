package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/** Scripts in deployed BPMN are refused while they are disabled (the default). */
@DubanSpringTest
class ScriptGuardTest {

  @Autowired RepositoryService repositoryService;
  @LocalServerPort int port;

  @Test
  void refusesAProcessWithAScriptTaskAndDeploysNothing() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("script-process").camundaHistoryTimeToLive(30)
        .startEvent().scriptTask("ScriptTask_Evil").scriptFormat("javascript").scriptText("java.lang.System.exit(1)")
        .endEvent().done();
    long before = repositoryService.createDeploymentQuery().count();

    assertThatThrownBy(() -> repositoryService.createDeployment().addModelInstance("evil.bpmn", model).deploy())
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("包含脚本").hasMessageContaining("ScriptTask_Evil");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("script-process").count()).isZero();
  }

  @Test
  void refusesScriptListenersAndScriptConditions() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="test">
          <process id="listener-process" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="StartEvent_A"/>
            <sequenceFlow id="Flow_1" sourceRef="StartEvent_A" targetRef="UserTask_A"/>
            <userTask id="UserTask_A" camunda:candidateGroups="x">
              <extensionElements>
                <camunda:executionListener event="start">
                  <camunda:script scriptFormat="groovy">println 'hi'</camunda:script>
                </camunda:executionListener>
              </extensionElements>
            </userTask>
            <sequenceFlow id="Flow_2" sourceRef="UserTask_A" targetRef="EndEvent_A">
              <conditionExpression xsi:type="tFormalExpression" language="groovy">x &gt; 1</conditionExpression>
            </sequenceFlow>
            <endEvent id="EndEvent_A"/>
          </process>
        </definitions>
        """;
    assertThatThrownBy(() -> repositoryService.createDeployment()
        .addString("listener.bpmn", xml).deploy())
        .hasMessageContaining("camunda:script").hasMessageContaining("脚本条件（groovy）");
  }

  @Test
  void anAdminUploadingAScriptThroughTheRestApiGetsTheReason() {
    String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess("rest-script").camundaHistoryTimeToLive(30)
        .startEvent().scriptTask().scriptFormat("javascript").scriptText("1").endEvent().done());
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nscript\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"s.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    Http.Response response = admin.postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body);
    assertThat(response.status()).isIn(400, 500);
    assertThat(response.body()).contains("包含脚本");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("rest-script").count()).isZero();
  }
}
