package cn.duban.system;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * duban's own settings, all under {@code duban.*} (see the configuration table in docs/operations.md).
 */
@ConfigurationProperties(prefix = "duban")
public record DubanProperties(
    @DefaultValue("Asia/Shanghai") ZoneId zone,
    @DefaultValue Demo demo,
    @DefaultValue Admin admin,
    @DefaultValue Database database,
    @DefaultValue Engine engine,
    @DefaultValue Light light,
    @DefaultValue Attachments attachments) {

  /** Demo mode; {@code enabled} null means "on with the embedded database, off otherwise". */
  public record Demo(Boolean enabled, @DefaultValue("false") boolean allowExternalDatabase,
                     @DefaultValue("demo") String password) {
  }

  /** The first administrator, created on start-up when missing. */
  public record Admin(@DefaultValue("admin") String user, String password) {
  }

  public record Database(@DefaultValue Embedded embedded) {
  }

  /** The embedded PostgreSQL used when no database URL is configured. */
  public record Embedded(@DefaultValue("./data") Path dataDir, @DefaultValue("0") int port,
                         @DefaultValue("false") boolean clean) {
    public Path postgresDir() {
      return dataDir.resolve("postgres");
    }
  }

  /**
   * @param scriptsEnabled              scripts in deployed BPMN are refused unless true
   * @param authorizedGroupsIndexScan   answer the engine's per-command "which groups have authorizations" with a
   *                                    loose index scan instead of reading the whole authorization table (PostgreSQL)
   * @param taskQueryAuthorizationShortcut task queries the authorization check cannot narrow (the person's own work,
   *                                    or a person who may read every task) run without it (TaskQueryAuthorization)
   */
  public record Engine(@DefaultValue("false") boolean scriptsEnabled,
                       @DefaultValue("true") boolean authorizedGroupsIndexScan,
                       @DefaultValue("true") boolean taskQueryAuthorizationShortcut) {
  }

  /** Traffic lights: how many working days before the deadline an open item turns yellow. */
  public record Light(@DefaultValue("3") int yellowDays) {
  }

  public record Attachments(@DefaultValue("20MB") DataSize maxSize,
                            @DefaultValue("pdf,ofd,doc,docx,xls,xlsx,wps,et,jpg,jpeg,png,txt,zip") List<String> allowedTypes) {
  }
}
