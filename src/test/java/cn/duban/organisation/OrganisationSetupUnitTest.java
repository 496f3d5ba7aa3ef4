package cn.duban.organisation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import cn.duban.system.DemoMode;
import cn.duban.system.DubanProperties;

class OrganisationSetupUnitTest {

  static DubanProperties properties(Boolean demo, String adminPassword) {
    return new DubanProperties(ZoneId.of("Asia/Shanghai"), new DubanProperties.Demo(demo, false, "demo"),
        new DubanProperties.Admin("admin", adminPassword),
        new DubanProperties.Database(new DubanProperties.Embedded(Path.of("data"), 0, false)),
        new DubanProperties.Engine(false, true, true), new DubanProperties.Light(3),
        new DubanProperties.Attachments(DataSize.ofMegabytes(20), List.of("pdf")));
  }

  static DemoMode demoMode(DubanProperties properties) {
    return new DemoMode(properties, new StaticListableBeanFactory().getBeanProvider(EmbeddedPostgres.class));
  }

  @Test
  void refusesToStartOutsideDemoModeWithoutAnAdminPasswordAndDoesNotPrintIt() {
    DubanProperties production = properties(false, " ");
    assertThatThrownBy(() -> new OrganisationSetup(null, production, demoMode(production)))
        .hasMessageContaining("DUBAN_ADMIN_PASSWORD is not set");
    DubanProperties configured = properties(false, "s3cret-Pass");
    assertThatCode(() -> new OrganisationSetup(null, configured, demoMode(configured))).doesNotThrowAnyException();
  }
}
