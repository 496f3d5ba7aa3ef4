package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoModeUnitTest {

  static DubanProperties properties(Boolean demo, boolean allowExternal) {
    return new DubanProperties(java.time.ZoneId.of("Asia/Shanghai"),
        new DubanProperties.Demo(demo, allowExternal, "demo"), new DubanProperties.Admin("admin", null),
        new DubanProperties.Database(new DubanProperties.Embedded(java.nio.file.Path.of("data"), 0, false)),
        new DubanProperties.Engine(false, true, true), new DubanProperties.Light(3),
        new DubanProperties.Attachments(org.springframework.util.unit.DataSize.ofMegabytes(20), java.util.List.of("pdf")));
  }

  static DemoMode demoMode(DubanProperties properties, boolean embedded) {
    return new DemoMode(properties, embedded);
  }

  @Test
  void isOnByDefaultWithTheEmbeddedDatabaseAndOffWithAnExternalOne() {
    assertThat(demoMode(properties(null, false), true).enabled()).isTrue();
    assertThat(demoMode(properties(null, false), false).enabled()).isFalse();
    assertThat(demoMode(properties(false, false), true).enabled()).isFalse();
  }

  @Test
  void refusesToRunAgainstAnExternalDatabaseUnlessAskedExplicitly() {
    assertThatThrownBy(() -> demoMode(properties(true, false), false))
        .hasMessageContaining("refuses to run against an external database");
    assertThat(demoMode(properties(true, true), false).enabled()).isTrue();
  }
}
