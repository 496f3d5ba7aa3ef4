package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.DubanApplication;
import cn.duban.item.ItemStatus;
import cn.duban.system.security.Roles;

/**
 * {@code ./mvnw spring-boot:run} on a fresh machine: the embedded PostgreSQL is created, the processes deployed and
 * the demo bureau loaded; started again on the same data, everything is still there and nothing is doubled.
 */
@Tag("own-jvm") // a second duban in this JVM: it must not share the JVM with the shared test context
class StartupTest {

  @TempDir Path dataDir;

  ConfigurableApplicationContext start() {
    // as command-line arguments, like an operator would pass them; they override application.yaml
    return new SpringApplicationBuilder(DubanApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=",
        "--duban.database.embedded.data-dir=" + dataDir,
        // this engine must not take the name of the shared test context's engine
        "--camunda.bpm.process-engine-name=startup-test",
        "--camunda.bpm.job-execution.enabled=false");
  }

  @Test
  void aStartUpThatFailsLeavesNoPostgreSqlRunning() {
    // the embedded PostgreSQL starts before the context is refreshed; this setting fails the refresh
    assertThatThrownBy(() -> new SpringApplicationBuilder(DubanApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=",
        "--duban.database.embedded.data-dir=" + dataDir,
        "--camunda.bpm.process-engine-name=startup-failure-test",
        "--duban.light.yellow-days=drei")).isInstanceOf(Exception.class);
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
        .as("the server was stopped with the failed start-up").isFalse();
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")))
        .as("the server had been started (and initdb run) before the failure").isTrue();
  }

  @Test
  void startsOnAFreshEmbeddedDatabaseAndAgainOnTheExistingOne() {
    Map<String, Long> firstStatuses;
    try (ConfigurableApplicationContext app = start()) {
      assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
      // started before the refresh by EmbeddedDatabaseStartup (a singleton without a bean definition)
      assertThat(app.getBeanFactory().containsBean(EmbeddedDatabaseStartup.BEAN)).isTrue();
      assertThat(app.getBeanFactory().containsBeanDefinition(EmbeddedDatabaseStartup.BEAN)).isFalse();
      assertThat(app.getBean(DemoMode.class).enabled()).as("demo mode is on with the embedded database").isTrue();
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("duban-item").count()).isEqualTo(1);
      assertThat(repository.createDeploymentQuery().count()).isEqualTo(1);
      assertThat(repository.getDeploymentResourceNames(repository.createDeploymentQuery().singleResult().getId()))
          .contains("bpmn/duban-item.bpmn", "forms/item-handle.form", "forms/item-sign-off.form");

      // the demo bureau's units and people are there when the application has started (people can sign in) …
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.createGroupQuery().groupType(Roles.TYPE_UNIT).count()).isGreaterThanOrEqualTo(8);
      assertThat(identity.createUserQuery().userId("zhoumin").count()).isEqualTo(1);
      assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMIN).userId("admin").count()).isEqualTo(1);

      // … its items follow in the background
      awaitDemoItems(app);
      firstStatuses = statuses(app);
      // the demo list has items in every state, overdue ones among them
      assertThat(firstStatuses.keySet()).containsAll(Arrays.stream(ItemStatus.values()).map(Enum::name).toList());
      assertThat(app.getBean(JdbcTemplate.class).queryForObject(
          "select count(*) from duban.item where status <> 'CLOSED' and due_at < now()", Long.class)).isPositive();
    }

    try (ConfigurableApplicationContext app = start()) {
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(repository.createDeploymentQuery().count()).as("unchanged processes are not deployed again").isEqualTo(1);
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("duban-item").latestVersion()
          .singleResult().getVersion()).isEqualTo(1);
      awaitDemoItems(app);
      assertThat(statuses(app)).as("the demo bureau is loaded once").isEqualTo(firstStatuses);
    }
  }

  /** Until the demo items created in the background are there (the readiness check waits for the same). */
  private static void awaitDemoItems(ConfigurableApplicationContext app) {
    DemoMode demo = app.getBean(DemoMode.class);
    org.awaitility.Awaitility.await("the demo items").atMost(java.time.Duration.ofSeconds(90))
        .until(() -> !demo.itemsLoading());
  }

  private static Map<String, Long> statuses(ConfigurableApplicationContext app) {
    return app.getBean(JdbcTemplate.class).queryForList("select status, count(*) as n from duban.item group by status")
        .stream().collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
  }
}
