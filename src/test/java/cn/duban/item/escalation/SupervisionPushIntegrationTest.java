package cn.duban.item.escalation;

import static cn.duban.item.ItemProcess.Decisions.ACCEPT;
import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.notify.FakePlatforms;
import cn.duban.notify.PushChannels;
import cn.duban.organisation.ContactService;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * The ladder up to 督办 with 企业微信 configured: the office's 督办单 reaches the assignee's phone once, although two
 * nodes deliver side by side and run again afterwards. Time is the engine's clock; timers run as the job executor
 * would run them.
 */
@DubanSpringTest
class SupervisionPushIntegrationTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired ApplicationContext context;
  @Autowired ItemService items;
  @Autowired ItemTasks tasks;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ContactService contacts;
  @Autowired Users users;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @Test
  void aSupervisionOrderReachesTheAssigneeOnTheConfiguredPushChannelExactlyOnce() throws Exception {
    contacts.set(ALICE, new ContactService.ContactsUpdate(null, "alice.wx", null), users.get(ADMIN));
    ClockUtil.setCurrentTime(at("2026-12-01T10:00:00"));
    String code = items.issue(new ItemDraft("清理欠缴税款（督办推送）", "按户清理", UNIT_A, null, List.of(), LEADER,
        "2026-12-15", null, null), users.get(OFFICE), false);
    String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();

    try (FakePlatforms platforms = new FakePlatforms()) {
      PushChannels push = PushChannels.of(context, platforms.baseUrl());
      fire(pi, Elements.TIMER_REMINDER);
      tasks.complete(code, Elements.SIGN_FOR, users.get(ALICE), Map.of(Variables.SIGN_FOR_DECISION, ACCEPT));
      fire(pi, Elements.TIMER_OVERDUE);
      fire(pi, Elements.TIMER_SUPERVISE);
      tasks.complete(code, Elements.SUPERVISE, users.get(OFFICE),
          Map.of(Variables.SUPERVISION_ORDER, "限 12 月 18 日前报送清欠进度"));

      // two nodes deliver at the same time, then each once more
      ExecutorService nodes = Executors.newFixedThreadPool(2);
      try {
        List<Future<Object>> runs = nodes.invokeAll(List.<Callable<Object>>of(push::deliverDue, push::deliverDue));
        for (Future<Object> run : runs) {
          run.get();
        }
      } finally {
        nodes.shutdownNow();
      }
      push.deliverDue();
      push.deliverDue();

      List<JsonNode> orders = platforms.wecomCardsTo("alice.wx").stream()
          .filter(card -> card.path("textcard").path("title").asText().equals("【督办单】" + code + " 清理欠缴税款（督办推送）"))
          .toList();
      assertThat(orders).hasSize(1);
      assertThat(orders.get(0).path("textcard").path("description").asText())
          .contains("环节：督办单", "督查室督办要求：限 12 月 18 日前报送清欠进度", "完成时限：2026-12-15");
      assertThat(orders.get(0).path("textcard").path("url").asText()).endsWith("/items/" + code);
    }
  }

  /** Moves the clock to the timer's due date and runs its job, as the job executor would. */
  private void fire(String pi, String timerId) {
    var job = managementService.createJobQuery().processInstanceId(pi).activityId(timerId).singleResult();
    assertThat(job).as("timer " + timerId).isNotNull();
    ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 1000));
    managementService.executeJob(job.getId());
  }
}
