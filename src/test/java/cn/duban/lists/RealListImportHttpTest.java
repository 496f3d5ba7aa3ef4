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
    new FakeBureau().registerIn(organisation, PASSWORD);
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
