package cn.duban.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Demo mode creates a realistic county bureau with demo passwords. It is on by default with the embedded
 * database and off with an external one; against an external database it runs only when explicitly allowed
 * ({@code DUBAN_DEMO_ALLOW_EXTERNAL_DB=true}), so demo users never appear in a production database by accident.
 */
@Component
public class DemoMode {

  private final boolean enabled;
  private final boolean embeddedDatabase;
  /** True while the demo items are created in the background after the first start (pages say so). */
  private volatile boolean itemsLoading;

  @org.springframework.beans.factory.annotation.Autowired
  public DemoMode(DubanProperties properties, ObjectProvider<EmbeddedPostgres> embedded) {
    this(properties, embedded.getIfAvailable() != null);
  }

  DemoMode(DubanProperties properties, boolean embeddedDatabase) {
    this.embeddedDatabase = embeddedDatabase;
    Boolean configured = properties.demo().enabled();
    this.enabled = configured == null ? embeddedDatabase : configured;
    if (enabled && !embeddedDatabase && !properties.demo().allowExternalDatabase()) {
      throw new IllegalStateException("Demo mode (DUBAN_DEMO=true) refuses to run against an external database: "
          + "it would create demo users with known passwords there. Set DUBAN_DEMO_ALLOW_EXTERNAL_DB=true "
          + "if this database is meant for a demo.");
    }
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean embeddedDatabase() {
    return embeddedDatabase;
  }

  /** Whether the demo bureau's items are still being created (people can already sign in). */
  public boolean itemsLoading() {
    return itemsLoading;
  }

  public void itemsLoading(boolean loading) {
    this.itemsLoading = loading;
  }
}
