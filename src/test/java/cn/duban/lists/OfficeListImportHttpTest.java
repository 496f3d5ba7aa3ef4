package cn.duban.lists;

import static cn.duban.lists.ListFiles.fixture;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.OrganisationService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * The files bureaus really have, uploaded to {@code POST /api/lists} of the real application on PostgreSQL: the
 * .xls, .et and the Word 通知 (.docx) LibreOffice saved (src/test/resources/lists), checked in a dry run and issued;
 * a Word table's mistakes named by its rows; an old .doc refused with how to save it as .docx.
 */
@DubanSpringTest
class OfficeListImportHttpTest {

  @LocalServerPort int port;
  @Autowired OrganisationService organisation;
  @Autowired JdbcTemplate jdbc;

  /** The list's dates are fixed in the files; they lie in the past of a later day the tests may run on. */
  static final Map<String, String> DRY_RUN = Map.of("name", "2027年第一季度重点工作任务清单", "dryRun", "true",
      "allowPastDeadlines", "true");

  @BeforeEach
  void bureau() {
    new FakeBureau().registerIn(organisation, PASSWORD);
  }

  Http office() {
    return Http.basic(port, OFFICE, PASSWORD);
  }

  @Test
  void aDryRunReadsTheXlsEtAndWordNoticeAsTheXlsxAndCreatesNothing() {
    long lists = count("duban.task_list");
    long items = count("duban.item");
    JsonNode expected = null;
    for (String file : NoticeList.FILES) {
      Http.Response response = office().upload("/api/lists", "清单-" + file, fixture(file), DRY_RUN);
      assertThat(response.status()).as(file + ": " + response.body()).isEqualTo(200);
      JsonNode planned = response.json().get("items");
      assertThat(planned).as(file).hasSize(7);
      if (expected == null) {
        expected = planned;
      } else {
        assertThat(planned).as(file).isEqualTo(expected);
      }
    }
    // 责任部门 and 分管领导 merged down over rows 7–9 belong to row 8 too; the empty row and the 注 row are skipped
    assertThat(expected.findValuesAsText("row")).containsExactly("3", "4", "5", "7", "8", "9", "10");
    assertThat(expected.get(4).get("unitName").asText()).isEqualTo("征收管理科");
    assertThat(expected.get(5).get("leaderId").asText()).isEqualTo("liuhaiyan");
    assertThat(count("duban.task_list")).isEqualTo(lists);
    assertThat(count("duban.item")).isEqualTo(items);
  }

  @Test
  void anXlsListIsIssuedAsAWhole() {
    Http.Response issued = office().upload("/api/lists", "2027年第一季度任务清单.xls", fixture("list.xls"),
        Map.of("name", "从 xls 导入的清单", "allowPastDeadlines", "true"));

    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.json().get("itemCodes")).hasSize(7);
    JsonNode summary = office().get("/api/lists/" + issued.json().get("listCode").asText()).json();
    assertThat(summary.get("items")).hasSize(7);
  }

  @Test
  void theListOfAWordNoticeIsIssuedWithItsMergedCellsAndLineBreaks() {
    Http.Response issued = office().upload("/api/lists", "关于印发2027年第一季度重点工作任务清单的通知.docx",
        fixture("notice.docx"), Map.of("name", "从通知导入的清单", "allowPastDeadlines", "true"));

    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    List<JsonNode> items = new ArrayList<>();
    issued.json().get("itemCodes").forEach(code -> items.add(office().get("/api/items/" + code.asText()).json()));
    assertThat(items).extracting(item -> item.at("/item/title").asText()).containsExactly("落实小微企业税费优惠政策",
        "纳税服务热线咨询质量提升", "税费优惠政策宣传进社区", "欠税清理专项行动", "非正常户清理", "增值税留抵退税风险核查",
        "首问负责制度落实情况检查");
    assertThat(items.get(0).at("/item/requirement").asText())
        .isEqualTo("一、逐户扫描应享未享疑点数据；\n二、推送政策提醒，确保应享尽享。");
    assertThat(items).extracting(item -> item.at("/item/unitId").asText())
        .containsExactly("NSFWK", "NSFWK", "NSFWK", "ZSGLK", "ZSGLK", "FXGLK", "BGS");
  }

  @Test
  void everyMistakeOfAWordTableIsNamedByItsTableRowAndNothingIsCreated() {
    long items = count("duban.item");
    Http.Response refused = office().upload("/api/lists", "专项工作任务清单.docx", fixture("notice-with-mistakes.docx"),
        Map.of("name", "专项工作任务清单"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    JsonNode errors = refused.json().get("errors");
    assertThat(errors.findValuesAsText("rowName"))
        .containsExactly("表格第 2 行", "表格第 3 行", "表格第 4 行", "表格第 4 行");
    assertThat(errors.findValuesAsText("column")).containsExactly("责任部门", "责任部门", "分管领导", "完成时限");
    assertThat(count("duban.item")).isEqualTo(items);
  }

  @Test
  void anOldWordDocumentOrANoticeWithoutAListIsRefusedSayingWhatToDo() {
    Http.Response doc = office().upload("/api/lists", "通知.doc", fixture("notice.doc"), DRY_RUN);
    assertThat(doc.status()).isEqualTo(422);
    assertThat(doc.json().at("/errors/0/reason").asText())
        .startsWith("不支持旧版 Word 文档（.doc）。").contains("另存为", "Word 文档 (*.docx)");

    Http.Response none = office().upload("/api/lists", "通知.docx", fixture("notice-without-list.docx"), DRY_RUN);
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.json().at("/errors/0/reason").asText()).startsWith("文档中的 1 个表格都不是任务清单");
  }

  @Test
  void theImportPageOffersTheFileTypesItReadsAndNamesAWordTablesRowsInItsProblems() {
    Http browser = Http.browser(port);
    browser.signIn(OFFICE, PASSWORD);
    String page = browser.get("/lists", "text/html").body();
    assertThat(page).contains("accept=\".xlsx,.xls,.et,.csv,.docx\"", "WPS 表格 .et", "Word 文档（.docx");

    Http.Response checked = browser.upload("/lists/import", "专项工作任务清单.docx", fixture("notice-with-mistakes.docx"),
        Map.of("name", "专项工作任务清单", "dryRun", "true", "_csrf", browser.formToken("/lists")));
    assertThat(checked.body()).contains("清单有 4 处错误，未创建任何事项。", "<td>表格第 2 行</td><td>责任部门</td>",
        "<td>表格第 4 行</td><td>完成时限</td>");
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
