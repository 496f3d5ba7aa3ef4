package cn.duban.system.security;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import cn.duban.system.RetentionProperties;

/**
 * History is kept for the retention period and cannot be erased (see {@link HistoryErasureGuard}): the engine's
 * default {@code historyTimeToLive} is the retention period, a deployed process asking for less gets the retention
 * period, and Camunda's history cleanup runs only in the nightly window, removing only what is older.
 */
@Configuration(proxyBeanMethods = false)
class HistoryProtectionConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HistoryProtectionConfiguration.class);
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  @Bean
  ProcessEnginePlugin historyProtectionPlugin(RetentionProperties retention, ObjectProvider<BreakGlass> breakGlass,
                                              ObjectProvider<PlatformTransactionManager> transactions) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryTimeToLive("P" + retention.days() + "D");
        configuration.setHistoryCleanupBatchWindowStartTime(HH_MM.format(retention.cleanupWindowStart()));
        configuration.setHistoryCleanupBatchWindowEndTime(HH_MM.format(retention.cleanupWindowEnd()));
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<CommandInterceptor>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired()
            .add(new HistoryErasureGuard(breakGlass, transactions, retention.days()));
        if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
          configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<CommandInterceptor>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequiresNew()
            .add(new HistoryErasureGuard(breakGlass, transactions, retention.days()));
        if (configuration.getCustomPostBPMNParseListeners() == null) {
          configuration.setCustomPostBPMNParseListeners(new ArrayList<BpmnParseListener>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new RetentionFloor(retention.days()));
      }
    };
  }

  /** A process that would keep its history for less than the retention period keeps it for the period. */
  static final class RetentionFloor extends AbstractBpmnParseListener {

    private final int days;

    RetentionFloor(int days) {
      this.days = days;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
      Integer ttl = definition.getHistoryTimeToLive();
      // null is "keep for ever": longer than any retention period
      if (ttl != null && ttl < days) {
        log.info("Process {}: historyTimeToLive {} raised to the retention period of {} days", definition.getKey(),
            ttl, days);
        definition.setHistoryTimeToLive(days);
      }
    }
  }
}
