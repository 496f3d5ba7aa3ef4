package cn.duban.system.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.builder.StaticSqlSource;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.SqlCommandType;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * In every command that checks authorizations, the engine first asks which groups have any authorization at all
 * ({@code selectAuthorizedGroupIds}: {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, in
 * AuthorizationManager, not cached beyond the command). That reads the whole table, and the table grows with the
 * work: a row per open task and candidate group, and with {@code enableHistoricInstancePermissions} a row per
 * historic task for as long as history is kept (ten years). Benchmark scenarios 1 and 3 (docs/benchmarks.md) show it
 * as the largest cost of claiming, completing and listing tasks in a bureau with 100,000 open items.
 * <p>
 * On PostgreSQL duban answers the same question with a loose index scan over the engine's index on GROUP_ID_
 * (ACT_IDX_AUTH_GROUP_ID): one index probe per distinct group (a few dozen units and roles) instead of one row per
 * authorization. Same result: the engine drops the null group of user authorizations itself.
 */
final class AuthorizedGroupsQuery {

  static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
  static final String DUBAN_STATEMENT = "duban_selectAuthorizedGroupIds_looseIndexScan";

  private AuthorizedGroupsQuery() {
  }

  static String sql(String prefix) {
    String table = prefix + "ACT_RU_AUTHORIZATION";
    return "with recursive g (id) as ("
        + " (select GROUP_ID_ from " + table + " where GROUP_ID_ is not null order by GROUP_ID_ limit 1)"
        + " union all"
        + " select (select a.GROUP_ID_ from " + table + " a where a.GROUP_ID_ > g.id order by a.GROUP_ID_ limit 1)"
        + " from g where g.id is not null)"
        + " select id from g where id is not null";
  }

  /** Replaces the engine's statement by duban's, for this engine only (postInit: MyBatis is configured by then). */
  static void install(ProcessEngineConfigurationImpl engine) {
    if (!"postgres".equals(engine.getDatabaseType())) {
      return;
    }
    org.apache.ibatis.session.Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasStatement(DUBAN_STATEMENT, false)) {
      ResultMap result = new ResultMap.Builder(mybatis, DUBAN_STATEMENT + "-result", String.class, new ArrayList<>())
          .build();
      mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, DUBAN_STATEMENT,
          new StaticSqlSource(mybatis, sql(engine.getDatabaseTablePrefix())), SqlCommandType.SELECT)
          .resultMaps(List.of(result)).build());
    }
    DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
    // a copy: the engine's own map is shared by every engine of the JVM
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put(ENGINE_STATEMENT, DUBAN_STATEMENT);
    sessions.setStatementMappings(mappings);
  }
}
