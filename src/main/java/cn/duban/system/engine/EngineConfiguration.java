package cn.duban.system.engine;

import java.util.ArrayList;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.DubanProperties;

/** duban's additions to the engine configuration. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  ProcessEnginePlugin dubanEnginePlugin(DubanProperties properties) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new UserErrorUnwrappingInterceptor());
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
