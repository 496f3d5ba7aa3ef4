package cn.duban.system.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the repository's {@code bpmn/} and {@code forms/} (copied to the classpath by the build) on start-up.
 * Resources are named by their place in the repository ({@code bpmn/duban-item.bpmn}), wherever the application
 * runs from, so that only a resource whose content changed becomes a new version.
 */
@Component
@Order(-10)
public class RepositoryDeployer implements ApplicationRunner {

  public static final String DEPLOYMENT_NAME = "duban";
  public static final String DEPLOYMENT_SOURCE = "duban-repository";
  static final String[] PATTERNS = {"classpath*:bpmn/*.bpmn", "classpath*:forms/*.form"};

  private static final Logger log = LoggerFactory.getLogger(RepositoryDeployer.class);

  private final RepositoryService repositoryService;
  private final String[] patterns;

  @Autowired
  RepositoryDeployer(RepositoryService repositoryService) {
    this(repositoryService, PATTERNS);
  }

  /** Deploys the resources matching {@code patterns} ({@code classpath*:<folder>/<files>}): tests use others. */
  RepositoryDeployer(RepositoryService repositoryService, String... patterns) {
    this.repositoryService = repositoryService;
    this.patterns = patterns.clone();
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME).source(DEPLOYMENT_SOURCE).enableDuplicateFiltering(true);
    List<String> names = new ArrayList<>();
    var resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : patterns) {
      String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/'));
      for (Resource resource : resolver.getResources(pattern)) {
        String name = folder + "/" + resource.getFilename();
        try (InputStream in = resource.getInputStream()) {
          deployment.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
        }
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      log.warn("No processes or forms found on the classpath (bpmn/, forms/)");
      return;
    }
    DeploymentWithDefinitions result = deployment.deployWithResult();
    List<ProcessDefinition> definitions = result.getDeployedProcessDefinitions();
    if (definitions == null || definitions.isEmpty()) {
      log.info("Processes and forms unchanged ({} resources): nothing new deployed", names.size());
    } else {
      definitions.forEach(d -> log.info("Deployed {} version {}", d.getKey(), d.getVersion()));
    }
  }
}
