package cn.duban.system.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class RequestLogConfiguration {

  /** Outside everything but the session (so that the log's status is the one the client got), before security. */
  @Bean
  FilterRegistrationBean<RequestLog> requestLog(NodeProperties node) {
    var registration = new FilterRegistrationBean<>(new RequestLog(node.nameOrHost()));
    registration.setName("duban request log");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
