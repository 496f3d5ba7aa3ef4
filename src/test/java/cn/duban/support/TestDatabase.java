package cn.duban.support;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With an external test database (DUBAN_TEST_DB_URL) the run starts from an empty database, like the embedded
 * one: duban's schema and the engine's tables are dropped before Flyway and the engine create them again.
 * Point DUBAN_TEST_DB_URL only at a database that exists for tests.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestDatabase {

  private static boolean wiped;

  @Bean
  static BeanPostProcessor externalTestDatabaseWiper(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (bean instanceof DataSource dataSource && !url.isBlank()) {
          wipeOnce(dataSource);
        }
        return bean;
      }
    };
  }

  private static synchronized void wipeOnce(DataSource dataSource) {
    if (wiped) {
      return;
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists duban cascade");
      statement.execute("drop schema if exists public cascade");
      statement.execute("create schema public");
      wiped = true;
    } catch (Exception e) {
      throw new IllegalStateException("Could not reset the external test database", e);
    }
  }
}
