package cn.duban.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Keeps the shared test context's engine in Camunda's static engine registry, which the REST API (/engine-rest)
 * looks engines up in. A test that starts and closes an application of its own ({@code StartupTest}) empties that
 * registry on closing, after which /engine-rest of the shared context would answer "No process engine available";
 * likewise the platform's container, where the webapps' engine API (Tasklist, {@code /camunda/api/engine}) looks.
 * Registered for every Spring test in META-INF/spring.factories.
 */
public class EngineRegistration implements TestExecutionListener, Ordered {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    ProcessEngine engine = testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfAvailable();
    if (engine == null) {
      return;
    }
    if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
      ProcessEngines.registerProcessEngine(engine);
    }
    // the webapps' engine API (/camunda/api/engine, behind Tasklist) looks engines up in the platform's container
    RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
    ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
    if (registered != engine) {
      if (registered != null) {
        container.unregisterProcessEngine(registered);
      }
      container.registerProcessEngine(engine);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
