package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.duban.support.DubanSpringTest;

/**
 * Every index duban adds says why it exists, in the catalogue beside it (V14 for duban's schema, EngineIndexes for the
 * engine's tables): a new index without a reason fails here.
 */
@DubanSpringTest
class IndexReasonsTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void everyIndexOfDubansSchemaHasAReason() {
    // indexes behind primary keys and unique constraints are part of the table's definition, Flyway's is Flyway's
    assertThat(jdbc.queryForList("""
        select c.relname from pg_index i
          join pg_class c on c.oid = i.indexrelid
          join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'duban'
           and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
           and c.relname not like 'flyway_schema_history%'
           and coalesce(obj_description(c.oid, 'pg_class'), '') = ''
        """, String.class)).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from pg_indexes where schemaname = 'duban' and indexname not like "
        + "'flyway%'", Long.class)).isGreaterThan(20);
  }

  @Test
  void everyIndexDubanAddsToTheEnginesTablesExistsWithItsReason() {
    for (EngineIndexes.Index index : EngineIndexes.INDEXES) {
      assertThat(jdbc.queryForObject("select obj_description(to_regclass(?), 'pg_class')", String.class,
          "public." + index.name())).as(index.name()).isEqualTo(index.reason());
    }
  }
}
