package cn.duban.item.escalation;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.item.EscalationLevel;
import cn.duban.item.ItemEscalated;
import cn.duban.item.ItemEscalated.Step;
import cn.duban.item.ItemProcess;
import cn.duban.item.ItemRepository;
import cn.duban.item.ItemRow;
import cn.duban.item.ItemStatus;
import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Person;
import cn.duban.system.BureauClock;
import cn.duban.system.security.Roles;

/**
 * The steps of the escalation ladder: each raises the item's escalation level and announces itself with the people
 * to tell ({@link ItemEscalated}), in the step's own transaction: the outbox stores the messages in it (so a retried
 * or concurrent job stores them once: see notify's dedup key).
 */
@Configuration(proxyBeanMethods = false)
class EscalationDelegates {

  private final ItemRepository items;
  private final OrganisationService organisation;
  private final ApplicationEventPublisher events;
  private final BureauClock clock;

  EscalationDelegates(ItemRepository items, OrganisationService organisation, ApplicationEventPublisher events,
                      BureauClock clock) {
    this.items = items;
    this.organisation = organisation;
    this.events = events;
    this.clock = clock;
  }

  /** 临期提醒: the assignee, or before 签收 the unit's members. */
  @Bean
  JavaDelegate remindDelegate() {
    return execution -> step(execution, EscalationLevel.REMINDED, Step.REMINDER, item -> handlers(item));
  }

  /** 逾期催办: assignee and unit heads; not while the item waits for 销号 (the office holds the ball). */
  @Bean
  JavaDelegate chaseDelegate() {
    return execution -> step(execution, EscalationLevel.CHASED, Step.CHASE, item -> {
      if (item.status() == ItemStatus.PENDING_SIGNOFF) {
        return Set.of();
      }
      Set<String> recipients = handlers(item);
      recipients.addAll(organisation.heads(item.unitId()));
      return recipients;
    });
  }

  /** 督办 starts: the leader in charge is told; the office gets the 督办 task. */
  @Bean
  JavaDelegate superviseDelegate() {
    return execution -> step(execution, EscalationLevel.SUPERVISED, Step.SUPERVISION, item ->
        item.leaderId() != null ? new LinkedHashSet<>(Set.of(item.leaderId())) : members(Roles.LEADERS));
  }

  /** The office's 督办单 goes to the assignee and the unit heads. */
  @Bean
  JavaDelegate supervisionOrderDelegate() {
    return execution -> {
      ItemRow item = item(execution);
      Set<String> recipients = handlers(item);
      recipients.addAll(organisation.heads(item.unitId()));
      String order = String.valueOf(execution.getVariable(ItemProcess.Variables.SUPERVISION_ORDER));
      events.publishEvent(new ItemEscalated(Step.SUPERVISION_ORDER, item.code(), item.title(), item.deadline(),
          clock.today(), List.copyOf(recipients), order));
    };
  }

  /** 通报: bureau leadership is told; the item is marked for the periodic 通报 report. */
  @Bean
  JavaDelegate bulletinDelegate() {
    return execution -> step(execution, EscalationLevel.BULLETINED, Step.BULLETIN,
        item -> members(Roles.LEADERS));
  }

  private interface Recipients {
    Set<String> of(ItemRow item);
  }

  private void step(DelegateExecution execution, EscalationLevel level, Step step, Recipients recipients) {
    ItemRow item = item(execution);
    if (!item.status().isOpen()) {
      return;
    }
    Set<String> told = recipients.of(item);
    if (!told.isEmpty()) {
      events.publishEvent(new ItemEscalated(step, item.code(), item.title(), item.deadline(), day(execution),
          List.copyOf(told), null));
    }
    if (step != Step.CHASE || item.status() != ItemStatus.PENDING_SIGNOFF) {
      items.escalated(item.code(), level, clock.now());
    }
  }

  private ItemRow item(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    return items.find(code).orElseThrow(() -> new IllegalStateException("No item " + code));
  }

  /** Who handles the item: the assignee, or before 签收 everyone in the unit. */
  private Set<String> handlers(ItemRow item) {
    return item.assignee() != null ? new LinkedHashSet<>(Set.of(item.assignee())) : members(item.unitId());
  }

  private Set<String> members(String groupId) {
    Set<String> ids = new LinkedHashSet<>();
    organisation.members(groupId).stream().map(Person::id).forEach(ids::add);
    return ids;
  }

  /**
   * The day a step is for: the day its timer was due ({@link ItemEscalation} plans each at 09:00 of a day, the
   * 逾期催办 just after midnight), however late or often its job runs, so that its messages join that day's digest
   * and a job run twice is told once. Instances started before duban stopped keeping the planned day in a variable
   * still have it there; a step that no timer runs (the 督办单, issued when the office completes its task) is today's.
   */
  private LocalDate day(DelegateExecution execution) {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job instanceof TimerEntity timer && timer.getDuedate() != null) {
      return LocalDate.ofInstant(timer.getDuedate().toInstant(), clock.zone());
    }
    Object planned = execution.getVariable(ItemProcess.Variables.ESCALATION_DAY);
    return planned == null ? clock.today() : LocalDate.parse(planned.toString());
  }
}
