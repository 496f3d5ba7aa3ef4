package cn.duban.calendar;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.BureauClock;

/**
 * The engine counts timers and task due dates with the same working-day calendar as duban: {@code P3WD},
 * {@code P3WD@09:00} and {@code R/P1WD@09:00} in BPMN (see {@link WorkingDayExpression}), in the bureau's zone.
 */
@Configuration(proxyBeanMethods = false)
class CalendarEngineConfiguration {

  @Bean
  ProcessEnginePlugin workingDayBusinessCalendarPlugin(CalendarService calendar, BureauClock clock) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBusinessCalendarManager(WorkingDayBusinessCalendars.manager(calendar, clock::zone));
      }

      @Override
      public String toString() {
        return "duban working-day business calendar";
      }
    };
  }
}
