package cn.duban.system.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.CookieSerializer;

/** Sign-in sessions in PostgreSQL (Spring Session JDBC, {@code duban.spring_session}, V26). */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

  /**
   * A session attribute is written with an upsert: the webapps load a page's parts in parallel, and two requests of
   * one session that both add the same attribute (the webapps' authentication, their CSRF token) would otherwise
   * race to insert it and the loser answer 500 with a duplicate key (seen with 32 parallel Tasklist page loads).
   */
  @Bean
  PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributeUpsert() {
    return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
  }

  /** Spring Boot's session cookie, read as {@link OutageAwareSessionCookie} says. */
  @Bean
  static BeanPostProcessor outageAwareSessionCookie() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof CookieSerializer cookie && !(bean instanceof OutageAwareSessionCookie)
            ? new OutageAwareSessionCookie(cookie) : bean;
      }
    };
  }
}
