package cn.duban.item;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;
import static cn.duban.lists.ListFiles.row;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.lists.ListFiles;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Users;
import cn.duban.system.BureauClock;

/**
 * 办结质量评价: the office rates the result when it signs an item off (优秀 / 良好 / 一般 / 较差, a remark for 较差), over
 * the same {@code /engine-rest} completion Tasklist uses; the rating is kept on the item, shown on its page and in
 * the list's 督办台账.
 */
@DubanSpringTest
class QualityRatingHttpTest {

  @LocalServerPort int port;
  @Autowired ItemTasks tasks;
  @Autowired ItemRepository repository;
  @Autowired Users users;
  @Autowired TaskService taskService;
  @Autowired BureauClock clock;

  Http office() {
    return Http.basic(port, OFFICE, PASSWORD);
  }

  /** An item of a list of its own, done by alice: the office's 审核销号 is open. */
  String awaitingSignOff(String title) {
    Http.Response issued = office().upload("/api/lists", "评价测试.xlsx", ListFiles.xlsx(List.of(
        row("事项名称", "责任部门", "责任人", "完成时限"),
        row(title, UNIT_A, ALICE, clock.today().plusDays(10).toString()))), Map.of("name", "评价测试：" + title));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String code = issued.json().at("/itemCodes/0").asText();
    tasks.complete(code, Elements.SIGN_FOR, users.get(ALICE), Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    tasks.complete(code, Elements.HANDLE, users.get(ALICE),
        Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE, Variables.RESULT_TEXT, "已按要求完成"));
    return code;
  }

  /** The office claims its 审核销号 and completes it with these form values, as Tasklist does. */
  Http.Response signOff(String code, Object... nameValues) {
    String task = taskService.createTaskQuery().processInstanceBusinessKey(code)
        .taskDefinitionKey(Elements.SIGN_OFF).singleResult().getId();
    office().post("/engine-rest/task/" + task + "/claim", Map.of("userId", OFFICE));
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      variables.put((String) nameValues[i], Map.of("value", nameValues[i + 1]));
    }
    return office().post("/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
  }

  @Test
  void signingOffWithoutARatingOrWithAGradeTheFormDoesNotOfferIsRefused() {
    String code = awaitingSignOff("评价缺失时不能销号");

    Http.Response unrated = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF);
    assertThat(unrated.status()).as(unrated.body()).isEqualTo(400);
    assertThat(unrated.json().get("message").asText()).contains("请选择办结质量评价");

    Http.Response unknown = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF,
        Variables.QUALITY_RATING, "PERFECT");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("办结质量评价").contains("PERFECT");

    ItemRow item = repository.find(code).orElseThrow();
    assertThat(item.status()).isEqualTo(ItemStatus.PENDING_SIGNOFF);
    assertThat(item.qualityRating()).isNull();
  }

  @Test
  void aPoorRatingNeedsARemarkAndIsShownOnTheItemAndInTheLedger() {
    String code = awaitingSignOff("较差须写明问题");

    Http.Response bare = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF,
        Variables.QUALITY_RATING, QualityRating.POOR.name());
    assertThat(bare.status()).as(bare.body()).isEqualTo(400);
    assertThat(bare.json().get("message").asText()).contains("请填写评价说明（评为较差时必填）");
    assertThat(repository.find(code).orElseThrow().status()).isEqualTo(ItemStatus.PENDING_SIGNOFF);

    Http.Response rated = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF,
        Variables.QUALITY_RATING, QualityRating.POOR.name(), Variables.QUALITY_REMARK, "台账不完整，佐证材料缺两户。");
    assertThat(rated.status()).as(rated.body()).isEqualTo(204);

    JsonNode detail = office().get("/api/items/" + code).json();
    assertThat(detail.get("timeline").findValuesAsText("办结质量评价")).as("the timeline's 审核销号").containsExactly("较差");
    JsonNode item = detail.get("item");
    assertThat(item.get("status").asText()).isEqualTo("CLOSED");
    assertThat(item.get("qualityRating").asText()).isEqualTo("POOR");
    assertThat(item.get("qualityRatingLabel").asText()).isEqualTo("较差");
    assertThat(item.get("qualityRemark").asText()).isEqualTo("台账不完整，佐证材料缺两户。");

    assertThat(office().get("/items/" + code, "text/html").body())
        .contains("<dt>办结质量评价</dt><dd class=\"quality-rating\">较差</dd>").contains("台账不完整，佐证材料缺两户。");

    Map<String, String> ledger = ledgerRow(item.get("listCode").asText(), code);
    assertThat(ledger).containsEntry("办结质量评价", "较差").containsEntry("评价说明", "台账不完整，佐证材料缺两户。");
  }

  @Test
  void aGoodRatingNeedsNoRemarkAndAReturnNeedsNoRating() {
    String code = awaitingSignOff("退回时不评价");

    Http.Response returned = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.RETURN,
        Variables.SIGN_OFF_COMMENT, "请补充佐证材料。");
    assertThat(returned.status()).as(returned.body()).isEqualTo(204);
    assertThat(repository.find(code).orElseThrow().qualityRating()).isNull();

    tasks.complete(code, Elements.HANDLE, users.get(ALICE),
        Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE, Variables.RESULT_TEXT, "已补充佐证材料"));
    Http.Response rated = signOff(code, Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF,
        Variables.QUALITY_RATING, QualityRating.GOOD.name());
    assertThat(rated.status()).as(rated.body()).isEqualTo(204);
    ItemRow item = repository.find(code).orElseThrow();
    assertThat(item.qualityRating()).isEqualTo(QualityRating.GOOD);
    assertThat(item.qualityRemark()).isNull();
  }

  /** The item's row of its list's 督办台账, by column header. */
  private Map<String, String> ledgerRow(String listCode, String code) {
    byte[] xlsx = office().getBytes("/api/lists/" + listCode + "/export");
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var sheet = workbook.getSheet("任务清单");
      DataFormatter format = new DataFormatter();
      Row header = sheet.getRow(0);
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Map<String, String> cells = new HashMap<>();
        for (int c = 0; c < header.getLastCellNum(); c++) {
          cells.put(format.formatCellValue(header.getCell(c)), format.formatCellValue(sheet.getRow(r).getCell(c)));
        }
        if (code.equals(cells.get("事项编号"))) {
          return cells;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError(code + " is not in the ledger of " + listCode);
  }
}
