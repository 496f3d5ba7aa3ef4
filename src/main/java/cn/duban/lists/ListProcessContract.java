package cn.duban.lists;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.engine.ProcessContract;

/**
 * A deployment of {@code duban-list} must keep every id of {@link ListProcess} and the message it waits for; its
 * expressions may call the bean listed here (docs/security.md, 流程表达式).
 */
@Configuration(proxyBeanMethods = false)
class ListProcessContract {

  @Bean
  ProcessContract listContract() {
    return new ProcessContract(ListProcess.KEY,
        ProcessContract.fromConstants(ListProcess.KEY, ListProcess.Elements.class, null).elementIds(),
        java.util.Set.of(ListProcess.MESSAGE_ALL_ITEMS_CLOSED))
        .withBeans("closeListDelegate");  // 清单办结 (ListDelegates)
  }
}
