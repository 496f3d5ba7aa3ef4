package cn.duban.processes;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;

/** The deployed versions of every process and how many instances (items) run on each. */
@Service
class ProcessVersions {

  /** One version of a process. */
  record Version(String key, String name, int version, String definitionId, Instant deployedAt, String deployment,
                 String source, long running, boolean latest) {
  }

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final IdentityService identity;

  ProcessVersions(RepositoryService repository, RuntimeService runtime, IdentityService identity) {
    this.repository = repository;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** Every process's versions, newest first, keys in order. */
  Map<String, List<Version>> byKey(DubanUser admin) {
    return EngineSystemContext.callAs(identity, admin, () -> {
      List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().list();
      Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
          .collect(Collectors.toMap(Deployment::getId, d -> d));
      Map<String, Integer> latest = definitions.stream()
          .collect(Collectors.toMap(ProcessDefinition::getKey, ProcessDefinition::getVersion, Math::max));
      return definitions.stream()
          .map(d -> {
            Deployment deployment = deployments.get(d.getDeploymentId());
            return new Version(d.getKey(), d.getName(), d.getVersion(), d.getId(),
                deployment == null || deployment.getDeploymentTime() == null ? null
                    : deployment.getDeploymentTime().toInstant(),
                deployment == null ? null : deployment.getName(), deployment == null ? null : deployment.getSource(),
                runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                latest.get(d.getKey()) == d.getVersion());
          })
          .sorted(Comparator.comparing(Version::key).thenComparing(Version::version, Comparator.reverseOrder()))
          .collect(Collectors.groupingBy(Version::key, java.util.TreeMap::new, Collectors.toList()));
    });
  }
}
