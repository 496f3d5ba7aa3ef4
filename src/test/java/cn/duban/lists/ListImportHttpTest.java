package cn.duban.lists;

import static cn.duban.lists.ListFiles.row;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/** The office uploads its Excel list: checked completely, issued as a whole, exported and re-imported. */
@DubanSpringTest
class ListImportHttpTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  Http as(String user) {
    return Http.basic(port, user, PASSWORD);
  }

  byte[] goodList() {
    return ListFiles.xlsx(List.of(
        row("序号", "事项名称", "工作要求", "责任部门", "协办部门", "责任人", "分管领导", "完成时限", "反馈周期", "备注"),
        row("1", "落实小微企业税费优惠政策", "逐户辅导，确保应享尽享", "甲科", "", "爱丽", "李领",
            today.plusDays(30).toString(), "每月", "局党委会议定"),
        row("2", "开展发票风险专项排查", "排查高风险纳税人", "YIK", "甲科", "", LEADER, "10个工作日", "每周", ""),
        row("3", "=cmd|' /C calc'!A0", "清理欠税", "乙科", "", "", "", today.plusDays(20).toString(), "", "")));
  }

  @Test
  void aDryRunShowsWhatWouldBeCreatedAndCreatesNothing() {
    long lists = jdbc.queryForObject("select count(*) from duban.task_list", Long.class);
    Http.Response response = as(OFFICE).upload("/api/lists", "四季度清单.xlsx", goodList(),
        Map.of("name", "2026年第四季度重点工作任务清单", "dryRun", "true"));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode result = response.json();
    assertThat(result.get("dryRun").asBoolean()).isTrue();
    assertThat(result.get("items")).hasSize(3);
    assertThat(result.at("/items/0/unitName").asText()).isEqualTo("甲科");
    assertThat(result.at("/items/0/assignee").asText()).isEqualTo(ALICE);
    assertThat(result.at("/items/1/workingDays").asInt()).isEqualTo(10);
    assertThat(result.at("/items/2/title").asText()).as("formula kept as text").isEqualTo("=cmd|' /C calc'!A0");
    assertThat(jdbc.queryForObject("select count(*) from duban.task_list", Long.class)).isEqualTo(lists);
  }

  @Test
  void theSameListReadsTheSameAsXlsxUtf8CsvUtf8BomCsvAndGbkCsv() {
    List<List<Object>> rows = List.of(
        row("序号", "事项名称", "工作要求", "责任部门", "协办部门", "责任人", "分管领导", "完成时限", "反馈周期", "备注"),
        row("1", "落实小微企业“六税两费”减免政策", "逐户辅导，确保应享尽享，减免税款及时到位", "甲科", "乙科", "爱丽", "李领",
            today.plusDays(30).toString(), "每月", "局党委会议定"),
        row("2", "开展增值税发票风险专项排查", "排查高风险纳税人，形成排查报告", "乙科", "", "鲍勃", "",
            "10个工作日", "每两周", ""),
        row("3", "清理长期零申报和非正常户", "完成清理并建立台账", "甲科", "", "", LEADER,
            today.plusDays(45).toString().replace("-", "/"), "每季度", "含，逗号的备注"));
    JsonNode expected = null;
    for (var file : List.of(
        Map.entry("清单.xlsx", ListFiles.xlsx(rows)),
        Map.entry("清单-utf8.csv", ListFiles.csv(rows, java.nio.charset.StandardCharsets.UTF_8, false)),
        Map.entry("清单-bom.csv", ListFiles.csv(rows, java.nio.charset.StandardCharsets.UTF_8, true)),
        Map.entry("清单-gbk.csv", ListFiles.csv(rows, ListFiles.GBK, false)))) {
      Http.Response response = as(OFFICE).upload("/api/lists", file.getKey(), file.getValue(),
          Map.of("name", "格式测试", "dryRun", "true"));
      assertThat(response.status()).as(file.getKey() + ": " + response.body()).isEqualTo(200);
      JsonNode items = response.json().get("items");
      assertThat(items).as(file.getKey()).hasSize(3);
      if (expected == null) {
        expected = items;
      } else {
        assertThat(items).as(file.getKey()).isEqualTo(expected);
      }
    }
    assertThat(expected.at("/0/coUnitIds/0").asText()).isEqualTo("YIK");
    assertThat(expected.at("/2/remark").asText()).isEqualTo("含，逗号的备注");
  }

  @Test
  void aListIsIssuedExportedAndItsExportReimportsCleanly() throws Exception {
    Http.Response issued = as(OFFICE).upload("/api/lists", "四季度清单.xlsx", goodList(),
        Map.of("name", "导入测试清单", "issuedBy", "甲科", "source", "会议决定"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String code = issued.json().get("listCode").asText();
    assertThat(issued.json().get("itemCodes")).hasSize(3);

    JsonNode summary = as(OFFICE).get("/api/lists/" + code).json();
    assertThat(summary.at("/list/name").asText()).isEqualTo("导入测试清单");
    assertThat(summary.get("items")).hasSize(3);
    assertThat(summary.at("/byStatus/ISSUED").asInt()).isEqualTo(3);
    assertThat(as(ALICE).get("/api/lists/" + code).json().get("items")).as("甲科 sees its two items").hasSize(2);

    Http.Response export = as(OFFICE).get("/api/lists/" + code + "/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).contains("spreadsheetml");
    byte[] xlsx = as(OFFICE).getBytes("/api/lists/" + code + "/export");
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var sheet = workbook.getSheet("任务清单");
      var format = new DataFormatter();
      assertThat(format.formatCellValue(sheet.getRow(0).getCell(1))).isEqualTo("事项名称");
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      List<String> titles = new java.util.ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        titles.add(format.formatCellValue(sheet.getRow(r).getCell(1)));
      }
      assertThat(titles).contains("'=cmd|' /C calc'!A0", "落实小微企业税费优惠政策");
    }
    Http.Response again = as(OFFICE).upload("/api/lists", "督办台账.xlsx", xlsx,
        Map.of("name", "再次导入", "dryRun", "true"));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("items")).hasSize(3);
  }

  @Test
  void aFileWithManyMistakesReturnsThemAllAndCreatesNothing() {
    long items = jdbc.queryForObject("select count(*) from duban.item", Long.class);
    byte[] bad = ListFiles.xlsx(List.of(
        row("事项名称", "责任部门", "责任人", "分管领导", "完成时限", "反馈周期", "不认识的列"),
        row("", "甲科", "", "", today.plusDays(5).toString(), "", "x"),
        row("事项二", "稽查科", "", "", today.plusDays(5).toString(), "", ""),
        row("事项三", "甲科", "鲍勃", "", today.plusDays(5).toString(), "", ""),
        row("事项四", "甲科", "", "爱丽", today.plusDays(5).toString(), "", ""),
        row("事项五", "甲科", "", "", "明年", "每天", ""),
        row("事项六", "甲科", "", "", today.minusDays(3).toString(), "", ""),
        row("事项六", "甲科", "", "", today.plusDays(3).toString(), "", "")));
    Http.Response response = as(OFFICE).upload("/api/lists", "错误清单.xlsx", bad, Map.of("name", "错误清单"));
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("detail").asText()).contains("未创建任何事项");
    assertThat(problem.get("errors").findValuesAsText("column"))
        .contains("事项名称", "责任部门", "责任人", "分管领导", "完成时限", "反馈周期");
    assertThat(problem.get("errors").findValues("row").stream().map(JsonNode::asInt).distinct().toList())
        .containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8);
    assertThat(problem.get("warnings").findValuesAsText("column")).contains("不认识的列");
    assertThat(jdbc.queryForObject("select count(*) from duban.item", Long.class)).isEqualTo(items);
  }

  @Test
  void onlyTheOfficeImportsAndBrokenFilesAreRefusedClearly() {
    assertThat(as(ALICE).upload("/api/lists", "a.xlsx", goodList(), Map.of("name", "x")).status()).isEqualTo(403);
    assertThat(as(AUDITOR).upload("/api/lists", "a.xlsx", goodList(), Map.of("name", "x")).status()).isEqualTo(403);
    Http.Response notExcel = as(OFFICE).upload("/api/lists", "伪装.xlsx", "这不是表格".getBytes(), Map.of("name", "x"));
    assertThat(notExcel.status()).isEqualTo(422);
    assertThat(notExcel.json().get("detail").asText()).contains("清单无法导入");
    Http.Response empty = as(OFFICE).upload("/api/lists", "空.csv", new byte[0], Map.of("name", "x"));
    assertThat(empty.status()).isEqualTo(422);
    Http.Response noName = as(OFFICE).upload("/api/lists", "a.xlsx", goodList(), Map.of());
    assertThat(noName.status()).isEqualTo(422);
    assertThat(noName.json().get("errors").findValuesAsText("message")).contains("请填写清单名称");
  }
}
