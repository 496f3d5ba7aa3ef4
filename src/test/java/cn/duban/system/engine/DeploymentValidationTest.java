package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemProcess;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.TestBureau;

/**
 * Every deployment is checked before the engine parses it, whatever the path: each rule with a real broken file
 * (src/test/resources/deployments), all problems in one Chinese answer, valid deployments untouched, and the
 * Camunda Modeler's own deploy request for admins only.
 */
@DubanSpringTest
class DeploymentValidationTest {

  @Autowired RepositoryService repositoryService;
  @Autowired DeploymentValidator validator;
  @LocalServerPort int port;

  static byte[] file(String name) {
    try (InputStream in = DeploymentValidationTest.class.getResourceAsStream("/deployments/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String classpathName) {
    try (InputStream in = DeploymentValidationTest.class.getResourceAsStream("/" + classpathName)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertRefusedAndNothingDeployed(String resourceName, byte[] content, String... reasons) {
    long deployments = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().name("broken")
        .addInputStream(resourceName, new java.io.ByteArrayInputStream(content)).deploy())
        .isInstanceOf(DeploymentRefusedException.class)
        .hasMessageStartingWith("部署被拒绝")
        .hasMessageContainingAll(reasons);
    assertThat(repositoryService.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no-assignee.bpmn       | 用户任务「无人办理」（Task_1）没有指定办理人
      no-due-date.bpmn       | 用户任务「没有期限」（Task_1）没有办理期限
      missing-form.bpmn      | 引用的表单「no-such-form」既不在本次部署中，也未部署到引擎
      no-history-ttl.bpmn    | 缺少历史保留期限（camunda:historyTimeToLive），应不少于 3650 天
      short-history-ttl.bpmn | 历史保留期限为 180 天，短于本局规定的 3650 天
      script-task.bpmn       | 包含脚本（脚本任务 Task_1）
      script-listener.bpmn   | 包含脚本（camunda:script）
      unknown-delegate.bpmn  | 引用的委托 Bean「sendSmsDelegate」不存在
      expression-reflection.bpmn | 服务任务「执行」（Task_1）的属性 camunda:expression 中的表达式「${
      expression-reflection.bpmn | 用到了反射或 JVM、引擎内部（getClass、forName、getMethod、invoke、exec）
      not-well-formed.bpmn   | 不是格式正确的 XML（第 5 行
      not-bpmn.bpmn          | 不是 BPMN 文件：根元素应为 BPMN 2.0 的 definitions
      xxe.bpmn               | 含有 DOCTYPE 或实体声明
      billion-laughs.bpmn    | 含有 DOCTYPE 或实体声明
      """)
  void refusesABrokenFileWithItsReason(String file, String reason) {
    assertRefusedAndNothingDeployed(file, file(file), "〔" + file + "〕", reason);
  }

  @Test
  void theRepositoryDeployerIsCheckedLikeEveryOtherPath() {
    long deployments = repositoryService.createDeploymentQuery().count();
    RepositoryDeployer deployer = new RepositoryDeployer(repositoryService, "classpath*:deployments/no-due-date.bpmn",
        "classpath*:deployments/valid-review.form");
    assertThatThrownBy(() -> deployer.run(null))
        .isInstanceOf(DeploymentRefusedException.class)
        .hasMessageContaining("〔deployments/no-due-date.bpmn〕流程「broken-no-due-date」的用户任务「没有期限」（Task_1）没有办理期限");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void refusesAListenerDelegateThatDoesNotExistToo() {
    assertRefusedAndNothingDeployed("unknown-delegate.bpmn", file("unknown-delegate.bpmn"),
        "引用的委托 Bean「sendSmsDelegate」不存在", "监听器（executionListener）引用的委托 Bean「auditTrailListener」不存在");
  }

  @Test
  void refusesAResourceOverTheSizeLimitBeforeReadingIt() {
    String valid = new String(file("valid-review.bpmn"), StandardCharsets.UTF_8);
    String padded = valid.replace("<bpmn:process", "<!-- " + "注".repeat(800_000) + " -->\n  <bpmn:process");
    assertRefusedAndNothingDeployed("huge.bpmn", padded.getBytes(StandardCharsets.UTF_8),
        "〔huge.bpmn〕文件过大", "上限为 2.0 MB（duban.deployment.max-resource-size）");
  }

  @Test
  void refusesADubanItemWhoseIdsTheCodeReliesOnWereRenamed() {
    String renamed = text("bpmn/duban-item.bpmn")
        .replace(ItemProcess.Elements.SIGN_OFF, "UserTask_Review")
        .replace(ItemProcess.Elements.TIMER_OVERDUE, "TimerEvent_Late")
        .replace("name=\"" + ItemProcess.Messages.DEADLINE_CHANGED + "\"", "name=\"deadline-moved\"");
    assertRefusedAndNothingDeployed("bpmn/duban-item.bpmn", renamed.getBytes(StandardCharsets.UTF_8),
        "流程「duban-item」缺少 duban 依赖的元素「UserTask_SignOff」",
        "缺少 duban 依赖的元素「TimerEvent_Overdue」",
        "缺少 duban 依赖的消息「duban-deadline-changed」");
  }

  @Test
  void collectsEveryProblemOfADeploymentInOneAnswer() {
    assertThatThrownBy(() -> repositoryService.createDeployment().name("broken")
        .addInputStream("many-problems.bpmn", new java.io.ByteArrayInputStream(file("many-problems.bpmn")))
        .addInputStream("not-bpmn.bpmn", new java.io.ByteArrayInputStream(file("not-bpmn.bpmn"))).deploy())
        .isInstanceOfSatisfying(DeploymentRefusedException.class, e -> assertThat(e.problems()).hasSize(6)
            .anySatisfy(p -> assertThat(p).contains("历史保留期限为 30 天"))
            .anySatisfy(p -> assertThat(p).contains("没有指定办理人"))
            .anySatisfy(p -> assertThat(p).contains("没有办理期限"))
            .anySatisfy(p -> assertThat(p).contains("引用的表单「no-such-form」"))
            .anySatisfy(p -> assertThat(p).contains("委托 Bean「noSuchBean」不存在"))
            .anySatisfy(p -> assertThat(p).contains("〔not-bpmn.bpmn〕不是 BPMN 文件")))
        .hasMessageContaining("共发现 6 个问题").hasMessageContaining("\n1. ").hasMessageContaining("\n6. ");
  }

  @Test
  void theRepositorysOwnProcessesAndFormsPass() throws IOException {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (String pattern : RepositoryDeployer.PATTERNS) {
      String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/'));
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        resources.put(folder + "/" + resource.getFilename(), resource.getContentAsByteArray());
      }
    }
    assertThat(resources).containsKeys("bpmn/duban-item.bpmn", "bpmn/duban-list.bpmn", "forms/item-sign-off.form");
    assertThat(validator.problems(null, resources)).isEmpty();
  }

  // --- the Camunda Modeler's deploy dialog ------------------------------------------------------------------------

  /** Exactly the multipart request Camunda Modeler (7.x plugin) sends: its fields, then the diagram and its forms. */
  static String modelerBody(String boundary, String tenantId, Map<String, byte[]> files) {
    StringBuilder body = new StringBuilder();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", "复核流程");
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    fields.put("enable-duplicate-filtering", "true");
    fields.put("tenant-id", tenantId);
    fields.forEach((name, value) -> body.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
        .append("\r\n"));
    files.forEach((name, content) -> body.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(name)
        .append("\"\r\nContent-Type: ").append(name.endsWith(".bpmn") ? "text/xml" : "application/octet-stream")
        .append("\r\n\r\n").append(new String(content, StandardCharsets.UTF_8)).append("\r\n"));
    return body.append("--").append(boundary).append("--\r\n").toString();
  }

  Http.Response modelerDeploy(Http user, String tenantId, Map<String, byte[]> files) {
    String boundary = "----WebKitFormBoundaryDuban7MA4YWxkTrZu0gW";
    return user.postRaw("/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
        modelerBody(boundary, tenantId, files));
  }

  Http admin() {
    return Http.basic(port, TestBureau.ADMIN, TestBureau.ADMIN_PASSWORD);
  }

  @Test
  void anAdminDeploysAValidProcessWithItsFormFromTheModelerUntouched() {
    Http admin = admin();
    assertThat(admin.get("/engine-rest/deployment?maxResults=0").status()).as("the Modeler's connection check")
        .isEqualTo(200);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("valid-review.bpmn", file("valid-review.bpmn"));
    files.put("valid-review.form", file("valid-review.form"));

    Http.Response response = modelerDeploy(admin, "", files);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode deployment = response.json();
    String deploymentId = deployment.path("id").asText();
    try {
      assertThat(deployment.path("source").asText()).isEqualTo("Camunda Modeler");
      ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId)
          .singleResult();
      assertThat(definition.getKey()).isEqualTo("valid-review");
      assertThat(definition.getTenantId()).as("no tenant").isNull();
      assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
      try (InputStream in = repositoryService.getResourceAsStream(deploymentId, "valid-review.bpmn")) {
        assertThat(in.readAllBytes()).as("deployed as uploaded").isEqualTo(file("valid-review.bpmn"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // the form is in the engine now: a changed diagram may be deployed without it
      byte[] changed = new String(file("valid-review.bpmn"), StandardCharsets.UTF_8).replace("复核", "再复核")
          .getBytes(StandardCharsets.UTF_8);
      Http.Response second = modelerDeploy(admin, "", Map.of("valid-review.bpmn", changed));
      assertThat(second.status()).as(second.body()).isEqualTo(200);
      assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("valid-review").latestVersion()
          .singleResult().getVersion()).isEqualTo(2);
      repositoryService.deleteDeployment(second.json().path("id").asText());
    } finally {
      repositoryService.deleteDeployment(deploymentId);
    }
  }

  @Test
  void theModelerShowsTheAdminEveryProblemInChinese() {
    Http.Response response = modelerDeploy(admin(), "", Map.of("many-problems.bpmn", file("many-problems.bpmn")));

    assertThat(response.status()).isEqualTo(400);
    String message = response.json().path("message").asText();
    assertThat(message).startsWith("部署被拒绝，共发现 5 个问题，均未部署：\n1. 〔many-problems.bpmn〕")
        .contains("\n5. ").contains("没有指定办理人").contains("没有办理期限");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("broken-many").count()).isZero();
  }

  @Test
  void aTenantIdIsRefusedBecauseDubanHasNoTenants() {
    Http.Response response = modelerDeploy(admin(), "bureau-2", Map.of("valid-review.bpmn", file("valid-review.bpmn"),
        "valid-review.form", file("valid-review.form")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("本系统不使用租户").contains("bureau-2");
  }

  @Test
  void onlyAdminsMayDeployFromTheModeler() {
    Map<String, byte[]> files = Map.of("valid-review.bpmn", file("valid-review.bpmn"), "valid-review.form",
        file("valid-review.form"));
    for (String user : List.of(TestBureau.OFFICE, TestBureau.LEADER, TestBureau.ALICE, TestBureau.AUDITOR)) {
      Http.Response response = modelerDeploy(Http.basic(port, user, TestBureau.PASSWORD), "", files);
      assertThat(response.status()).as(user).isEqualTo(403);
      assertThat(response.body()).contains("无权操作").doesNotContain("Exception");
    }
    assertThat(modelerDeploy(Http.anonymous(port), "", files).status()).isEqualTo(401);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("valid-review").count()).isZero();
  }
}
