package cn.duban.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Keeps the shared test context's engine in Camunda's static engine registry, which the REST API (/engine-rest)
 * looks engines up in. A test that starts and closes an application of its own ({@code StartupTest}) empties that
 * registry on closing, after which /engine-rest of the shared context would answer "No process engine available".
 * Registered for every Spring test in META-INF/spring.factories.
 */
public class EngineRegistration implements TestExecutionListener, Ordered {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    ProcessEngine engine = testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).getIfAvailable();
    if (engine != null && ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
      ProcessEngines.registerProcessEngine(engine);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
