package cn.duban.system.web;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's REST errors in Chinese, with honest statuses ({@link EngineErrorTranslation}). */
@Configuration(proxyBeanMethods = false)
class EngineErrorTranslationConfiguration {

  @Bean
  FilterRegistrationBean<EngineErrorTranslation> engineErrorTranslation() {
    var registration = new FilterRegistrationBean<>(new EngineErrorTranslation());
    registration.setName("duban engine error translation");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    // after Spring Security (its 401 and 403 are duban's own, in Chinese already) and the engine authentication
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    return registration;
  }
}
