package cn.duban.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

class ItemRulesUnitTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  /** 甲科 (JIAK) with alice, 乙科 (YIK) with bob; leo leads. */
  static final ItemDirectory DIRECTORY = new ItemDirectory() {
    final Map<String, Set<String>> members = Map.of("JIAK", Set.of("alice"), "YIK", Set.of("bob"));

    @Override
    public boolean unitExists(String unitId) {
      return members.containsKey(unitId);
    }

    @Override
    public boolean userExists(String userId) {
      return Set.of("alice", "bob", "leo").contains(userId);
    }

    @Override
    public boolean isMember(String userId, String unitId) {
      return members.getOrDefault(unitId, Set.of()).contains(userId);
    }

    @Override
    public boolean isLeader(String userId) {
      return "leo".equals(userId);
    }

    @Override
    public boolean listExists(String listCode) {
      return "QD2026-001".equals(listCode);
    }
  };

  static ItemDraft draft(String title, String unit, String assignee, List<String> coUnits, String leader, String deadline,
                         String cycle) {
    return new ItemDraft(title, "要求", unit, assignee, coUnits, leader, deadline, cycle, null);
  }

  @Test
  void acceptsACompleteItemAndTrimsIt() {
    ValidItem item = ItemRules.validate(draft("  落实减税降费  ", "JIAK", "alice", List.of("YIK", " "), "leo",
        "2026-12-31", "每月"), TODAY, false, DIRECTORY);
    assertThat(item.title()).isEqualTo("落实减税降费");
    assertThat(item.coUnitIds()).containsExactly("YIK");
    assertThat(item.deadline()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(item.reportingCycle()).isEqualTo(ReportingCycle.MONTHLY);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> ItemRules.validate(draft("", "NOPE", "bob", List.of("JIAK", "XX"), "alice",
        "2026-11-20", "每天"), TODAY, false, DIRECTORY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::field)
            .containsExactly("title", "unitId", "coUnitIds", "leaderId", "deadline", "reportingCycle"));
  }

  @Test
  void refusesAnAssigneeFromAnotherUnitAndACoUnitEqualToTheLeadUnit() {
    assertThatThrownBy(() -> ItemRules.validate(draft("事项", "JIAK", "bob", List.of("JIAK"), null, "2026-12-01", null),
        TODAY, false, DIRECTORY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::message)
            .containsExactly("责任人「bob」不是责任部门「JIAK」的成员，请选择该部门的人员，或不指定责任人", "协办部门不能与责任部门相同"));
  }

  @Test
  void anItemJoinsOnlyAListThatExists() {
    assertThat(ItemRules.validate(new ItemDraft("事项", "要求", "JIAK", null, List.of(), null, "2026-12-01", null,
        "QD2026-001"), TODAY, false, DIRECTORY).listCode()).isEqualTo("QD2026-001");
    assertThatThrownBy(() -> ItemRules.validate(new ItemDraft("事项", "要求", "JIAK", null, List.of(), null,
        "2026-12-01", null, "QD-NONE"), TODAY, false, DIRECTORY))
        .hasMessageContaining("1 处错误")
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.problems()).extracting(FieldProblem::message).containsExactly("任务清单「QD-NONE」不存在"));
  }

  @Test
  void allowsAPastDeadlineOnlyWhenAskedExplicitly() {
    ItemDraft late = draft("事项", "JIAK", null, List.of(), null, "2026-11-01", null);
    assertThatThrownBy(() -> ItemRules.validate(late, TODAY, false, DIRECTORY))
        .hasMessageContaining("1 处错误");
    assertThat(ItemRules.validate(late, TODAY, true, DIRECTORY).deadline()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(ItemRules.validate(draft("事项", "JIAK", null, List.of(), null, "2026-11-21", null), TODAY, false,
        DIRECTORY).deadline()).as("today itself is allowed").isEqualTo(TODAY);
  }

  @Test
  void anExtensionMovesTheDeadlineLaterAndNeverBeforeToday() {
    LocalDate current = LocalDate.of(2026, 11, 30);
    assertThat(ItemRules.validateExtension("等待数据", "2026-12-15", current, TODAY)).isEqualTo(LocalDate.of(2026, 12, 15));
    assertThatThrownBy(() -> ItemRules.validateExtension("等待数据", "2026-11-20", LocalDate.of(2026, 11, 10), TODAY))
        .hasMessageContaining("不能早于今天");
    assertThatThrownBy(() -> ItemRules.validateExtension("等待数据", "2026-11-25", current, TODAY))
        .hasMessageContaining("必须晚于当前完成时限");
    assertThatThrownBy(() -> ItemRules.validateExtension(" ", "2026-12-15", current, TODAY))
        .hasMessageContaining("请填写延期理由");
  }

  @Test
  void lightsFollowTheDeadline() {
    var due = java.time.Instant.parse("2026-11-30T15:59:59Z");
    var now = java.time.Instant.parse("2026-11-21T02:00:00Z");
    assertThat(ItemLight.of(ItemStatus.IN_PROGRESS, due, null, now, now.plusSeconds(3 * 86400), EscalationLevel.NONE)).isEqualTo(ItemLight.GREEN);
    assertThat(ItemLight.of(ItemStatus.IN_PROGRESS, due, null, now, due.plusSeconds(1), EscalationLevel.NONE)).isEqualTo(ItemLight.YELLOW);
    assertThat(ItemLight.of(ItemStatus.ISSUED, due, null, due.plusSeconds(1), due, EscalationLevel.NONE)).isEqualTo(ItemLight.RED);
    assertThat(ItemLight.of(ItemStatus.CLOSED, due, due, now, now, EscalationLevel.NONE)).isEqualTo(ItemLight.CLOSED_ON_TIME);
    assertThat(ItemLight.of(ItemStatus.CLOSED, due, due.plusSeconds(1), now, now, EscalationLevel.NONE)).isEqualTo(ItemLight.CLOSED_LATE);
  }

  @Test
  void anItemRemindedBeforeTheYellowBandIsYellow() {
    Instant now = Instant.parse("2026-11-02T01:00:00Z");
    Instant due = Instant.parse("2026-11-20T15:59:59Z");
    Instant yellowFrom = now.plusSeconds(3 * 86400);
    assertThat(ItemLight.of(ItemStatus.IN_PROGRESS, due, null, now, yellowFrom, EscalationLevel.NONE))
        .isEqualTo(ItemLight.GREEN);
    assertThat(ItemLight.of(ItemStatus.IN_PROGRESS, due, null, now, yellowFrom, EscalationLevel.REMINDED))
        .as("a list that reminds 10 working days ahead turns the light yellow with the reminder")
        .isEqualTo(ItemLight.YELLOW);
    assertThat(ItemLight.of(ItemStatus.CLOSED, due, due, now, yellowFrom, EscalationLevel.REMINDED))
        .isEqualTo(ItemLight.CLOSED_ON_TIME);
  }

  @Test
  void refusesControlCharactersInEveryTextFieldBeforeAnyOtherCheckNamingTheFields() {
    assertThatThrownBy(() -> ItemRules.validate(new ItemDraft("开展\u0000排查", "要求\u0007", "JI\u0000AK", null,
        List.of("Y\u0000IK"), null, "2026-12-31", null, null), TODAY, false, DIRECTORY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.problems()).extracting(FieldProblem::field)
              .containsExactly("title", "requirement", "unitId", "coUnitIds");
          assertThat(e.problems().get(0).message()).isEqualTo("事项名称含有不可见的控制字符（如 NUL），请删除后重新提交");
          assertThat(e.problems().get(0).value()).isEqualTo("开展\\u0000排查");
        });
    // tab, line feed and carriage return are text
    assertThat(ItemRules.validate(new ItemDraft("事项", "第一行\r\n\t第二行", "JIAK", null, List.of(), null,
        "2026-12-31", null, null), TODAY, false, DIRECTORY).requirement()).isEqualTo("第一行\r\n\t第二行");
    assertThatThrownBy(() -> ItemRules.requireText("reason", "理由\u0000", "豁免理由"))
        .hasMessage("豁免理由含有不可见的控制字符（如 NUL），请删除后重新提交");
    assertThatThrownBy(() -> ItemRules.validateExtension("理由\u001b", "2026-12-31", LocalDate.of(2026, 12, 1), TODAY))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::field).containsExactly("extensionReason"));
  }
}
