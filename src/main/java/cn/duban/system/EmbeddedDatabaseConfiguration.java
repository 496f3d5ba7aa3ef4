package cn.duban.system;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no database configured ({@code DUBAN_DB_URL} / {@code spring.datasource.url} empty), duban runs on an
 * embedded PostgreSQL 17 whose data lives in {@code DUBAN_DATA_DIR/postgres} and survives restarts.
 * The server is a Spring bean closed with the context: no JVM shutdown hook (it would stall test JVMs).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class EmbeddedDatabaseConfiguration {

  static final String DATABASE = "duban";

  /**
   * duban's database compares text in byte order (collation C): for UTF-8 that is the order of the characters'
   * code points, the same order C.UTF-8 gives, but without the locale library on every comparison. Engine ids,
   * unit codes and candidate groups are compared in every Tasklist query (benchmark scenario 3); character
   * classes (upper/lower case) still follow C.UTF-8. The README recommends the same for an external database.
   */
  public static final String CREATE_DATABASE = "create database %s encoding 'UTF8' lc_collate 'C' lc_ctype 'C.UTF-8' "
      + "template template0";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(DubanProperties properties) throws IOException {
    var embedded = properties.database().embedded();
    var dir = embedded.postgresDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    log.info("No database configured (DUBAN_DB_URL): starting the embedded PostgreSQL with its data in {}", dir);
    var builder = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(embedded.clean())
        .setRegisterShutdownHook(false)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setLocaleConfig("locale", "C.UTF-8")
        .setLocaleConfig("encoding", "UTF8")
        .setServerConfig("max_connections", "100")
        .setServerConfig("timezone", "UTC");
    if (embedded.port() > 0) {
      builder.setPort(embedded.port());
    }
    return builder.start();
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) throws Exception {
    ensureDatabase(postgres);
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setDriverClassName("org.postgresql.Driver");
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
    dataSource.setUsername("postgres");
    dataSource.setPoolName("duban-embedded");
    dataSource.setMaximumPoolSize(20);
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
