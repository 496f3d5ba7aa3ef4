package cn.duban.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.support.DubanSpringTest;

/**
 * The engine counts BPMN timers and task due dates in working days ({@code P3WD}, {@code P2WD@09:00},
 * {@code R3/P1WD@09:00}) with duban's calendar, in the bureau's zone, while ISO 8601 keeps Camunda's meaning.
 * Time is driven with {@link ClockUtil}, so the machine's date does not matter.
 */
@DubanSpringTest
class WorkingDayBusinessCalendarIntegrationTest {

  static final String KEY = "calendar-test";
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired CalendarService calendar;

  String deploymentId;

  static Date shanghai(String localDateTime) {
    return Date.from(ZonedDateTime.of(LocalDateTime.parse(localDateTime), SHANGHAI).toInstant());
  }

  /** 承办 with a due date from a variable, a one-off reminder and a repeated chase, all in working days. */
  static BpmnModelInstance process(String dueDate, String reminder, String chase) {
    return Bpmn.createExecutableProcess(KEY)
        .name("工作日历测试")
        .camundaHistoryTimeToLive(3650)
        .startEvent("StartEvent_Issued")
        .userTask("Task_Handle").name("承办").camundaCandidateGroups("duban-office").camundaDueDate(dueDate)
        .boundaryEvent("BoundaryEvent_Remind").cancelActivity(false).timerWithDuration(reminder)
        .endEvent("EndEvent_Reminded")
        .moveToActivity("Task_Handle")
        .boundaryEvent("BoundaryEvent_Chase").cancelActivity(false).timerWithCycle(chase)
        .endEvent("EndEvent_Chased")
        .moveToActivity("Task_Handle")
        .endEvent("EndEvent_Done")
        .done();
  }

  void deploy(BpmnModelInstance model) {
    deploymentId = repositoryService.createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model).deploy().getId();
  }

  String start(Map<String, Object> variables) {
    return runtimeService.startProcessInstanceByKey(KEY, variables).getId();
  }

  Job job(String processInstanceId, String activityId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
  }

  @BeforeEach
  void wednesdayBeforeNationalDay() {
    ClockUtil.setCurrentTime(shanghai("2026-09-30T10:00"));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    if (deploymentId != null) {
      // history is never erased (no cascade): the test's instances end, their history stays
      runtimeService.createProcessInstanceQuery().deploymentId(deploymentId).list()
          .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test finished"));
      repositoryService.deleteDeployment(deploymentId);
    }
  }

  @Test
  void timersAndDueDatesInWorkingDaysSkipNationalDayAndCountTheDeclaredWorkingSaturday() {
    deploy(process("${handleWithin}", "P2WD@09:00", "R3/P1WD@09:00"));
    String instance = start(Map.of("handleWithin", "P3WD"));

    // 1–7 October off: the 8th, the 9th and the 调休 Saturday the 10th, at the time the task was created
    assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getDueDate())
        .isEqualTo(shanghai("2026-10-10T10:00"));
    assertThat(job(instance, "BoundaryEvent_Remind").getDuedate()).isEqualTo(shanghai("2026-10-09T09:00"));
    assertThat(job(instance, "BoundaryEvent_Chase").getDuedate()).isEqualTo(shanghai("2026-10-08T09:00"));

    // the chase repeats on the next working days, three times in all
    ClockUtil.setCurrentTime(shanghai("2026-10-08T09:01"));
    managementService.executeJob(job(instance, "BoundaryEvent_Chase").getId());
    assertThat(job(instance, "BoundaryEvent_Chase").getDuedate()).isEqualTo(shanghai("2026-10-09T09:00"));

    ClockUtil.setCurrentTime(shanghai("2026-10-09T09:01"));
    managementService.executeJob(job(instance, "BoundaryEvent_Chase").getId());
    assertThat(job(instance, "BoundaryEvent_Chase").getDuedate()).as("the 调休 Saturday")
        .isEqualTo(shanghai("2026-10-10T09:00"));

    ClockUtil.setCurrentTime(shanghai("2026-10-10T09:01"));
    managementService.executeJob(job(instance, "BoundaryEvent_Chase").getId());
    assertThat(job(instance, "BoundaryEvent_Chase")).as("R3: no fourth chase").isNull();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
        .as("the task is still open").isEqualTo(1);
  }

  @Test
  void iso8601KeepsCamundasMeaning() {
    deploy(process("P2D", "PT1H", "R2/PT12H"));
    String instance = start(Map.of());

    assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getDueDate())
        .as("calendar days, through the holiday").isEqualTo(shanghai("2026-10-02T10:00"));
    assertThat(job(instance, "BoundaryEvent_Remind").getDuedate()).isEqualTo(shanghai("2026-09-30T11:00"));
    assertThat(job(instance, "BoundaryEvent_Chase").getDuedate()).isEqualTo(shanghai("2026-09-30T22:00"));
  }

  @Test
  void aTimerIntoAYearWithoutArrangementCountsMondayToFridayAndIsReported() {
    // Monday 31 December 2029; no arrangement for 2029 or 2030 is loaded
    ClockUtil.setCurrentTime(shanghai("2029-12-31T10:00"));
    deploy(process("P1WD", "P1WD@09:00", "R/P1WD"));
    String instance = start(Map.of());

    assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getDueDate())
        .as("1 January counted as a working day").isEqualTo(shanghai("2030-01-01T10:00"));
    assertThat(calendar.status().fallbackYearsUsed()).contains(2029, 2030);
  }

  @Test
  void aMalformedWorkingDayExpressionIsRefusedWithTheSyntax() {
    deploy(process("${handleWithin}", "P2WD@09:00", "R/P1WD"));
    assertThatThrownBy(() -> start(Map.of("handleWithin", "3WD")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("P3WD@09:00");
  }
}
