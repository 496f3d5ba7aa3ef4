package cn.duban.operations;

import java.util.UUID;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The job executor's lock owner names the node ({@code <node name>/<random>}): the jobs a node has locked can be
 * told apart in {@code act_ru_job.lock_owner_} and Cockpit, also after the node died and before its locks expire.
 * The random part keeps two nodes apart even when they were given the same name.
 */
@Configuration(proxyBeanMethods = false)
class NodeIdentity {

  @Bean
  static BeanPostProcessor jobLockOwner(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof JobExecutor executor) {
          String node = environment.getProperty("duban.node.name", "");
          String name = node.isBlank() ? new cn.duban.system.web.NodeProperties(null).nameOrHost() : node.strip();
          executor.setLockOwner(name + "/" + UUID.randomUUID().toString().substring(0, 8));
        }
        return bean;
      }
    };
  }
}
