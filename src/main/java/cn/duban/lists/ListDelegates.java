package cn.duban.lists;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of {@code bpmn/duban-list.bpmn}. */
@Configuration(proxyBeanMethods = false)
class ListDelegates {

  /** 清单办结: every item of the list is signed off. */
  @Bean
  JavaDelegate closeListDelegate(ListService lists) {
    return execution -> lists.closed(execution.getProcessBusinessKey());
  }
}
