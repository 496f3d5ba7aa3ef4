package cn.duban.support;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Removing a test's own deployment without erasing history (which duban refuses, see HistoryErasureGuard): its
 * running instances are ended, then the deployment is deleted without cascade; the history stays.
 */
public final class Deployments {

  private Deployments() {
  }

  public static void remove(RepositoryService repository, RuntimeService runtime, String deploymentId) {
    List<String> running = runtime.createProcessInstanceQuery().deploymentId(deploymentId).list().stream()
        .map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "test clean-up", true, true);
    }
    repository.deleteDeployment(deploymentId, false);
  }
}
