package cn.duban.system.engine;

import static cn.duban.system.engine.ExpressionPolicyUnitTest.evil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/**
 * Expressions cannot reach the JVM (issue 12, point 3): the reproduction is refused at deployment with its reason,
 * and whatever gets evaluated anyway (a process deployed past the check, a Tasklist filter) runs no code. Each
 * attack runs {@code touch} on a marker file and waits for it, so the marker exists whenever the code ran.
 */
@DubanSpringTest
class ExpressionGuardTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired AuthorizationService authorizationService;
  @Autowired ApplicationContext context;
  @Autowired List<ProcessContract> contracts;
  @LocalServerPort int port;

  Path marker;

  @BeforeEach
  void marker() throws IOException {
    marker = Files.createTempDirectory("duban-expression").resolve("pwned");
  }

  @AfterEach
  void noCodeRan() throws IOException {
    boolean ran = Files.deleteIfExists(marker);
    Files.delete(marker.getParent());
    assertThat(ran).as("the attack's command ran").isFalse();
  }

  static String process(String key, String expression) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(3650)
        .startEvent().serviceTask("Task_Run").name("执行").camundaExpression(expression).endEvent().done();
    return Bpmn.convertToString(model);
  }

  @Test
  void anAdminDeployingTheReproductionGetsTheReasonAndNothingIsDeployed() {
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    String body = DeploymentValidationTest.modelerBody("b0undary", "",
        Map.of("evil.bpmn", process("evil-expression", evil("touch " + marker)).getBytes()));

    Http.Response response = admin.postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=b0undary",
        body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).startsWith("部署被拒绝")
        .contains("〔evil.bpmn〕流程「evil-expression」的服务任务「执行」（Task_Run）的属性 camunda:expression")
        .contains("用到了反射或 JVM、引擎内部（getClass、forName、getMethod、invoke、exec）");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("evil-expression").count()).isZero();
  }

  /** Deploys without duban's check, as a deployment older than the check (or a hole in it) would be. */
  String deployPastTheCheck(String key, String expression) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<Deployer> all = configuration.getDeployers();
    configuration.getDeploymentCache().setDeployers(all.stream().filter(d -> !(d instanceof ValidatingDeployer))
        .toList());
    try {
      return repositoryService.createDeployment().addString(key + ".bpmn", process(key, expression)).deploy().getId();
    } finally {
      configuration.getDeploymentCache().setDeployers(all);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      EVIL                                                        | 表达式不允许访问「java.lang.String」的「getClass」
      ${execution.getProcessEngineServices().getRuntimeService()} | 的「getProcessEngineServices」
      ${execution.processEngine}                                  | 的「processEngine」
      ${execution.setVariable('leaderId', 'admin')}               | 的「setVariable」
      ${itemEscalation.getClass()}                                | 表达式不允许访问「cn.duban.item.escalation.ItemEscalation」的「getClass」
      ${dateTime().zone.setDefault(null)}                         | DateTimeZone」的「setDefault」
      """)
  void aProcessDeployedPastTheCheckCannotReachTheJvmAtRunTime(String expression, String reason) {
    String text = expression.equals("EVIL") ? evil("touch " + marker) : expression;
    String deployment = deployPastTheCheck("past-the-check", text);
    try {
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("past-the-check"))
          .isInstanceOf(BadUserRequestException.class).hasMessageContaining(reason);
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("past-the-check").count()).isZero();
    } finally {
      repositoryService.deleteDeployment(deployment);
    }
  }

  @Test
  void aBeanNoProcessDeclaresCannotBeNamedAtRunTime() {
    assertThat(context.containsBean("dataSource")).isTrue();
    String deployment = deployPastTheCheck("past-the-check", "${dataSource.getConnection()}");
    try {
      assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("past-the-check"))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Cannot resolve identifier 'dataSource'");
    } finally {
      repositoryService.deleteDeployment(deployment);
    }
  }

  @Test
  void aTasklistFilterThatReachesForTheJvmRunsNothingAndSaysWhy() {
    Http admin = Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
    Http.Response created = admin.post("/engine-rest/filter/create", Map.of("resourceType", "Task", "name", "恶意过滤器",
        "query", Map.of("assigneeExpression", evil("touch " + marker))));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    String filterId = created.json().path("id").asText();
    var read = authorizationService.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    read.setUserId(TestBureau.ALICE);
    read.setResource(Resources.FILTER);
    read.setResourceId(filterId);
    read.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(read);
    try {
      Http alice = Http.basic(port, TestBureau.ALICE, TestBureau.PASSWORD);
      for (String path : List.of("/list", "/count")) {
        Http.Response response = alice.get("/engine-rest/filter/" + filterId + path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("表达式不允许访问「java.lang.String」的「getClass」");
      }
    } finally {
      engine.getFilterService().deleteFilter(filterId);
    }
  }

  @Test
  void everyBeanTheProcessesDeclareExists() {
    var beans = ProcessContract.beansOf(contracts);
    assertThat(beans).contains("registerItemDelegate", "itemEscalation", "closeListDelegate");
    assertThat(beans).allSatisfy(name -> assertThat(context.containsBean(name)).as(name).isTrue());
  }
}
