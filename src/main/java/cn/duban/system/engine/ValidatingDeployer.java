package cn.duban.system.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DeploymentValidator} on every new deployment before the engine's own deployers, whatever the path
 * (REST API and Camunda Modeler, {@link RepositoryDeployer}, Java API): the deployment command fails with one
 * {@link DeploymentRefusedException} listing every problem, its transaction is rolled back and nothing is
 * deployed. Deployments the engine loads again into its cache (not new) were checked when they were made.
 */
class ValidatingDeployer implements Deployer {

  private static final Logger log = LoggerFactory.getLogger(ValidatingDeployer.class);

  private final DeploymentValidator validator;

  ValidatingDeployer(DeploymentValidator validator) {
    this.validator = validator;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    if (deployment.getTenantId() != null && deployment.getTenantId().isBlank()) {
      // a client sending an empty tenant-id field means "no tenant": duban's processes are never tenant-specific
      deployment.setTenantId(null);
    }
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      resources.put(resource.getName(), resource.getBytes() == null ? new byte[0] : resource.getBytes());
    }
    List<String> problems = validator.problems(deployment.getTenantId(), resources);
    if (!problems.isEmpty()) {
      log.warn("Deployment '{}' refused ({} problems): {}", deployment.getName(), problems.size(), problems);
      throw new DeploymentRefusedException(problems);
    }
  }

  /** Is a Camunda form with this key deployed (any version, no tenant)? Runs inside the deployment command. */
  static boolean formDeployed(String formKey) {
    return Context.getCommandContext().getCamundaFormDefinitionManager().findLatestDefinitionByKey(formKey) != null;
  }
}
