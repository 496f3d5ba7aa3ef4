package cn.duban.item;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.engine.ProcessContract;

/** A deployment of {@code duban-item} must keep every id and message of {@link ItemProcess}. */
@Configuration(proxyBeanMethods = false)
class ItemProcessContract {

  @Bean
  ProcessContract itemContract() {
    return ProcessContract.fromConstants(ItemProcess.KEY, ItemProcess.Elements.class, ItemProcess.Messages.class);
  }
}
