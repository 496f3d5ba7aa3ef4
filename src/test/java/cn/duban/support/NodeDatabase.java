package cn.duban.support;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A database of its own on the test server for the {@link Node}s of one test (duban's nodes share one PostgreSQL as
 * in a bureau), dropped again when the test closes it.
 */
public final class NodeDatabase implements AutoCloseable {

  private final JdbcTemplate server;
  private final String name;
  private final Node.Cluster cluster;

  private NodeDatabase(JdbcTemplate server, String name, Node.Cluster cluster) {
    this.server = server;
    this.name = name;
    this.cluster = cluster;
  }

  /** A new, empty database beside the test's own; the nodes send e-mail to {@code smtpPort}. */
  public static NodeDatabase create(DataSource testDataSource, String prefix, int smtpPort) {
    try {
      HikariDataSource hikari = testDataSource.unwrap(HikariDataSource.class);
      String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
      JdbcTemplate server = new JdbcTemplate(testDataSource);
      server.execute("create database " + name + " encoding 'UTF8'");
      String url = hikari.getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
      return new NodeDatabase(server, name,
          new Node.Cluster(url, hikari.getUsername(), hikari.getPassword(), smtpPort));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Node.Cluster cluster() {
    return cluster;
  }

  /** The nodes' database, as the test reads it. */
  public JdbcTemplate jdbc() {
    return new JdbcTemplate(new DriverManagerDataSource(cluster.jdbcUrl(), cluster.user(), cluster.password()));
  }

  @Override
  public void close() {
    server.execute("drop database if exists " + name + " with (force)");
  }
}
