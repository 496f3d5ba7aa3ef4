package cn.duban.system.engine;

import java.util.ArrayList;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.DubanProperties;
import cn.duban.system.RetentionProperties;

/** duban's additions to the engine configuration. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  DeploymentValidator deploymentValidator(DubanProperties properties, DeploymentProperties deployment,
                                          RetentionProperties retention, ObjectProvider<ProcessContract> contracts,
                                          ListableBeanFactory beans) {
    var settings = new DeploymentValidator.Settings(deployment.maxResourceSize().toBytes(), retention.days(),
        properties.engine().scriptsEnabled());
    // contracts are looked up at each deployment: the features declaring them may be created after the engine
    return new DeploymentValidator(settings, () -> contracts.orderedStream().toList(),
        DeploymentValidator.lookups(beans::containsBean, ValidatingDeployer::formDeployed));
  }

  /** The beans expressions may name: those the process contracts declare, looked up when an expression runs. */
  @Bean
  ExpressionBeans expressionBeans(ObjectProvider<ProcessContract> contracts, ListableBeanFactory beans) {
    return new ExpressionBeans(beans, () -> ProcessContract.beansOf(contracts.orderedStream().toList()));
  }

  @Bean
  ProcessEnginePlugin dubanEnginePlugin(DubanProperties properties, DeploymentValidator validator,
                                        ExpressionBeans expressionBeans, ObjectProvider<ProcessStartRule> startRules,
                                        ObjectProvider<FormOptions> formOptions) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        // first: a person's command is checked once, before anything runs (start rules are looked up at each start:
        // the features declaring them may be created after the engine)
        configuration.getCustomPreCommandInterceptorsTxRequired().add(
            new EngineCallGuard(configuration, () -> startRules.orderedStream().toList()));
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(EngineCallGuard.skipEngineCheckIfDecided());
        // forms open with the lists of choices of the moment (units, people, leaders, lists by name)
        configuration.getCustomPreCommandInterceptorsTxRequired().add(
            new FormOptionsInterceptor(() -> formOptions.orderedStream().toList()));
        // then: a retried attempt runs the rest of the chain again, in a transaction of its own
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new TaskCompletionRetryInterceptor());
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new UserErrorUnwrappingInterceptor());
        if (configuration.getCustomPreDeployers() == null) {
          configuration.setCustomPreDeployers(new ArrayList<Deployer>());
        }
        configuration.getCustomPreDeployers().add(new ValidatingDeployer(validator));
        // expressions reach variables, a few facts of the execution and the declared beans, never the JVM
        configuration.setExpressionManager(new GuardedExpressionManager(expressionBeans));
        if (properties.engine().taskQueryAuthorizationShortcut()) {
          if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
          }
          configuration.getCustomSessionFactories().add(TaskQueryAuthorization.sessionFactory());
        }
        if (properties.engine().scriptsEnabled()) {
          return;
        }
        if (configuration.getCustomPreBPMNParseListeners() == null) {
          configuration.setCustomPreBPMNParseListeners(new ArrayList<BpmnParseListener>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new ScriptGuardParseListener());
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (properties.engine().authorizedGroupsIndexScan()) {
          AuthorizedGroupsQuery.install(configuration);
        }
      }
    };
  }

  @Bean
  ProcessEnginePlugin dubanEngineIndexes(DataSource dataSource) {
    return new EngineIndexes(dataSource);
  }
}
