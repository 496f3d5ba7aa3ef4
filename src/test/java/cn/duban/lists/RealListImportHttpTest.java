package cn.duban.lists;

import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.system.security.Roles;

/**
 * The realistic 20-row list of {@link RealList} (drawn from the seed reports' work plans), uploaded over HTTP as
 * xlsx, UTF-8 CSV, UTF-8-BOM CSV and GBK CSV to the real application on PostgreSQL: the same items in every case.
 */
@DubanSpringTest
class RealListImportHttpTest {

  @LocalServerPort int port;
  @Autowired OrganisationService organisation;

  /** The bureau of {@link FakeBureau}, as units and people in the identity service. */
  @BeforeEach
  void bureau() {
    Map.of("NSFWK", "纳税服务科", "ZSGLK", "征收管理科", "FXGLK", "风险管理科", "SZK", "税政科", "BGS", "办公室",
        "CGFJ", "城关税务分局").forEach((id, name) -> organisation.ensureGroup(id, name, Roles.TYPE_UNIT));
    List.of(new String[] {"lihui", "李慧", "NSFWK"}, new String[] {"huangjunjie", "黄俊杰", "NSFWK"},
        new String[] {"wutingting", "吴婷婷", "NSFWK"}, new String[] {"zhangwei", "张伟", "ZSGLK"},
        new String[] {"yangfan", "杨帆", "ZSGLK"}, new String[] {"zhangwei2", "张伟", "FXGLK"},
        new String[] {"hubin", "胡斌", "FXGLK"}, new String[] {"guojing", "郭静", "FXGLK"},
        new String[] {"maguoqiang", "马国强", "SZK"}, new String[] {"zhoumin", "周敏", "BGS"},
        new String[] {"tangming", "唐明", "CGFJ"}, new String[] {"chenjianguo", "陈建国", Roles.LEADERS},
        new String[] {"wanglixin", "王立新", Roles.LEADERS}, new String[] {"liuhaiyan", "刘海燕", Roles.LEADERS})
        .forEach(p -> {
          if (!organisation.userExists(p[0])) {
            organisation.createUser(p[0], p[1], p[0] + "@example.gov.cn", PASSWORD);
          }
          organisation.ensureMembership(p[0], p[2]);
        });
  }

  @Test
  void theRealisticListReadsTheSameInEveryFormat() {
    JsonNode expected = null;
    for (var file : List.of(
        Map.entry("2026年第四季度任务清单.xlsx", ListFiles.xlsx(RealList.ROWS)),
        Map.entry("清单-utf8.csv", ListFiles.csv(RealList.ROWS, StandardCharsets.UTF_8, false)),
        Map.entry("清单-bom.csv", ListFiles.csv(RealList.ROWS, StandardCharsets.UTF_8, true)),
        Map.entry("清单-gbk.csv", ListFiles.csv(RealList.ROWS, ListFiles.GBK, false)))) {
      // the list's own dates lie partly in the past of whatever day the test runs
      Http.Response response = Http.basic(port, OFFICE, PASSWORD).upload("/api/lists", file.getKey(), file.getValue(),
          Map.of("name", "2026年第四季度重点工作任务清单", "dryRun", "true", "allowPastDeadlines", "true"));
      assertThat(response.status()).as(file.getKey() + ": " + response.body()).isEqualTo(200);
      JsonNode items = response.json().get("items");
      assertThat(items).as(file.getKey()).hasSize(20);
      if (expected == null) {
        expected = items;
      } else {
        assertThat(items).as(file.getKey()).isEqualTo(expected);
      }
    }
    assertThat(expected.findValuesAsText("unitName")).contains("纳税服务科", "征收管理科", "城关税务分局");
  }
}
