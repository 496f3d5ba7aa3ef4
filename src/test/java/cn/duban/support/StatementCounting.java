package cn.duban.support;

import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the database statements one thread sends, and the rows they write (datasource-proxy around the
 * application's {@code dataSource}): {@code StatementCounting.on()} starts counting on the calling thread, the
 * returned {@link Counts} is read when the work is done, {@link #off()} stops. The engine runs a job given to
 * {@code ManagementService.executeJob} on the caller's thread, so one escalation step's statements are exactly
 * what the thread sent meanwhile. A round trip counts once: a JDBC batch (the engine flushes its inserts and
 * updates as batches) is one statement writing the rows of all its parameter sets.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

  private static final ThreadLocal<Counts> CURRENT = new ThreadLocal<>();

  /** What one thread sent while counting. */
  public static final class Counts {
    private int statements;
    private int selects;
    private int writes;
    private int rowsWritten;
    private final java.util.List<String> log = new java.util.ArrayList<>();

    public int statements() {
      return statements;
    }

    public int selects() {
      return selects;
    }

    /** Inserts, updates and deletes (a batch once). */
    public int writes() {
      return writes;
    }

    public int rowsWritten() {
      return rowsWritten;
    }

    /** Each statement's first words and the rows it wrote: to see what a step does. */
    public List<String> log() {
      return log;
    }

    @Override
    public String toString() {
      return statements + " statements (" + selects + " reads, " + writes + " writes), " + rowsWritten
          + " rows written";
    }
  }

  public static Counts on() {
    Counts counts = new Counts();
    CURRENT.set(counts);
    return counts;
  }

  public static void off() {
    CURRENT.remove();
  }

  @Bean
  static BeanPostProcessor statementCountingDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)
            && "dataSource".equals(beanName)) {
          return ProxyDataSourceBuilder.create(dataSource).name("counted").listener(new Listener()).build();
        }
        return bean;
      }
    };
  }

  private static final class Listener implements QueryExecutionListener {

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
      // counted afterwards, with what the statement wrote
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
      Counts counts = CURRENT.get();
      if (counts == null || queries.isEmpty()) {
        return;
      }
      String sql = queries.get(0).getQuery().stripLeading();
      String verb = sql.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      counts.statements++;
      int rows = 0;
      if (verb.equals("select") || verb.equals("with") && !sql.toLowerCase(Locale.ROOT).matches("(?s).*\\b(insert|update|delete)\\b.*")) {
        counts.selects++;
      } else {
        counts.writes++;
        rows = rowsWritten(execution);
        counts.rowsWritten += rows;
      }
      counts.log.add(sql.substring(0, Math.min(80, sql.length())).replaceAll("\\s+", " ")
          + (execution.isBatch() ? " [batch " + execution.getBatchSize() + "]" : "") + " -> " + rows);
    }

    private static int rowsWritten(ExecutionInfo execution) {
      Object result = execution.getResult();
      if (result instanceof int[] batch) {
        int sum = 0;
        for (int n : batch) {
          sum += Math.max(n, n == Statement.SUCCESS_NO_INFO ? 1 : 0);
        }
        return sum;
      }
      if (result instanceof Integer n) {
        return n;
      }
      if (result instanceof Long n) {
        return n.intValue();
      }
      try {
        // execute(): the update count of the statement just run
        return Math.max(0, execution.getStatement().getUpdateCount());
      } catch (java.sql.SQLException e) {
        return 0;
      }
    }
  }
}
