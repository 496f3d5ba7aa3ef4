package cn.duban.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no database configured ({@code DUBAN_DB_URL} / {@code spring.datasource.url} empty), duban runs on an
 * embedded PostgreSQL 17 whose data lives in {@code DUBAN_DATA_DIR/postgres} and survives restarts.
 * The server starts while Spring builds the application ({@link EmbeddedDatabaseStartup}) and is closed with the
 * context: no JVM shutdown hook (it would stall test JVMs).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
public class EmbeddedDatabaseConfiguration {

  /** The same rule for this configuration and for {@link EmbeddedDatabaseStartup}. */
  static final class NoDatabaseConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return isEmbedded(context.getEnvironment());
    }
  }

  static final String DATABASE = "duban";

  /**
   * duban's database compares text in byte order (collation C): for UTF-8 that is the order of the characters'
   * code points, the same order C.UTF-8 gives, but without the locale library on every comparison. Engine ids,
   * unit codes and candidate groups are compared in every Tasklist query (benchmark scenario 3); character
   * classes (upper/lower case) still follow C.UTF-8. docs/operations.md recommends the same for an external database.
   */
  public static final String CREATE_DATABASE = "create database %s encoding 'UTF8' lc_collate 'C' lc_ctype 'C.UTF-8' "
      + "template template0";

  /** Whether duban runs on its embedded PostgreSQL: no database URL configured. */
  static boolean isEmbedded(Environment environment) {
    return environment.getProperty("spring.datasource.url", "").isBlank();
  }

  /**
   * The running server, started before the refresh by {@link EmbeddedDatabaseStartup} and stopped by the
   * {@link EmbeddedPostgresServer} that owns it.
   */
  @Bean(destroyMethod = "")
  EmbeddedPostgres embeddedPostgres(EmbeddedPostgresServer server) {
    return server.get();
  }

  /** The pool's settings ({@code spring.datasource.hikari.*}: size, connection timeout) as for an external database. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  DataSource dataSource(EmbeddedPostgres postgres) throws Exception {
    ensureDatabase(postgres);
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setDriverClassName("org.postgresql.Driver");
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
    dataSource.setUsername("postgres");
    dataSource.setPoolName("duban-embedded");
    return dataSource;
  }

  private static void ensureDatabase(EmbeddedPostgres postgres) throws Exception {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      statement.execute(CREATE_DATABASE.formatted(DATABASE));
    }
  }
}
