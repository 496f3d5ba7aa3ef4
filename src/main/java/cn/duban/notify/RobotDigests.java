package cn.duban.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.duban.calendar.CalendarService;
import cn.duban.item.ItemFilter;
import cn.duban.item.ItemLight;
import cn.duban.item.ItemPage;
import cn.duban.item.ItemScope;
import cn.duban.item.ItemQueries;
import cn.duban.item.ItemView;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;

/**
 * Each working day at {@code duban.notify.robots.digest-time}, one digest per unit with a robot: its overdue items,
 * the longest overdue first. Stored as a message to {@code unit:<id>} with a delivery on the robot channel; the unique
 * index on (unit, day) makes it one per unit and day on any number of nodes. A unit without overdue items gets
 * nothing (its delivery is recorded as skipped).
 */
@Component
class RobotDigests {

  private static final Logger log = LoggerFactory.getLogger(RobotDigests.class);

  private final UnitRobots robots;
  private final ItemQueries items;
  private final CalendarService calendar;
  private final OrganisationService organisation;
  private final NotificationRepository repository;
  private final ChannelProperties properties;
  private final BureauClock clock;
  private final TransactionTemplate transaction;

  RobotDigests(UnitRobots robots, ItemQueries items, CalendarService calendar, OrganisationService organisation,
               NotificationRepository repository, ChannelProperties properties, BureauClock clock,
               PlatformTransactionManager transactions) {
    this.robots = robots;
    this.items = items;
    this.calendar = calendar;
    this.organisation = organisation;
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Makes today's digests if it is time and they are not made yet; returns how many were made now. */
  int composeDue() {
    return composeDue(clock.now());
  }

  int composeDue(Instant now) {
    ZonedDateTime local = now.atZone(clock.zone());
    LocalDate today = local.toLocalDate();
    if (local.toLocalTime().isBefore(properties.robots().digestTime()) || !calendar.isWorkingDay(today)) {
      return 0;
    }
    int made = 0;
    for (UnitRobots.Robot robot : robots.all()) {
      Boolean created = transaction.execute(status -> compose(robot.unitId(), today, now));
      made += Boolean.TRUE.equals(created) ? 1 : 0;
    }
    return made;
  }

  private boolean compose(String unitId, LocalDate today, Instant now) {
    int max = properties.robots().maxItems();
    ItemPage overdue = items.list(new ItemFilter(unitId, null, ItemLight.RED, null, null, 0, max),
        ItemScope.everything());
    StringBuilder body = new StringBuilder();
    String unitName = organisation.unitName(unitId);
    body.append(NotificationKind.UNIT_DIGEST.digestHeadline((int) overdue.total())).append("：");
    int i = 1;
    for (ItemView item : overdue.items().stream()
        .sorted(java.util.Comparator.comparing(ItemView::deadline).thenComparing(ItemView::code)).toList()) {
      body.append('\n').append(i++).append(". ").append(item.code()).append(' ').append(item.title())
          .append("（完成时限 ").append(item.deadline()).append("，逾期 ").append(item.overdueWorkingDays())
          .append(" 个工作日，承办人 ").append(item.assigneeName() == null ? "未签收" : item.assigneeName()).append('）');
    }
    if (overdue.total() > overdue.items().size()) {
      body.append("\n……另有 ").append(overdue.total() - overdue.items().size()).append(" 项");
    }
    var text = new MessageComposer.Text("【督办提醒】" + unitName + " 逾期事项（" + today + "）", body.toString(),
        "/?light=RED");
    Optional<Long> message = repository.insertUnitDigest(RobotChannel.RECIPIENT_PREFIX + unitId, today, text,
        (int) overdue.total(), now);
    if (message.isEmpty()) {
      return false;
    }
    if (overdue.total() == 0) {
      repository.insertSkippedDelivery(message.get(), RobotChannel.NAME, "no overdue items", now);
    } else {
      repository.insertDelivery(message.get(), RobotChannel.NAME, now);
    }
    log.debug("Robot digest of unit {} for {}: {} overdue items", unitId, today, overdue.total());
    return true;
  }
}
