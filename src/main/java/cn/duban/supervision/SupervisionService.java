package cn.duban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.calendar.CalendarService;
import cn.duban.item.EscalationLevel;
import cn.duban.item.ItemScope;
import cn.duban.item.ItemQueries;
import cn.duban.item.TaskLists;
import cn.duban.item.ItemStatus;
import cn.duban.organisation.OrganisationService;
import cn.duban.supervision.Figures.Bulletin;
import cn.duban.supervision.Figures.BulletinUnit;
import cn.duban.supervision.Figures.Dashboard;
import cn.duban.supervision.Figures.ItemLine;
import cn.duban.supervision.Figures.MonthFigures;
import cn.duban.supervision.Figures.PersonOverdue;
import cn.duban.supervision.Figures.UnitFigures;
import cn.duban.system.BureauClock;

/** The 督办台's figures and the 通报, computed for one reader's scope from the item read model. */
@Service
class SupervisionService {

  /** "Due soon" on the 督办台: within this many working days. */
  static final int DUE_SOON_WORKING_DAYS = 5;
  private static final int TREND_MONTHS = 12;
  private static final int LIST_LIMIT = 200;
  private static final int RANKING_LIMIT = 20;

  private final SupervisionRepository repository;
  private final TaskLists taskLists;
  private final ItemQueries items;
  private final OrganisationService organisation;
  private final CalendarService calendar;
  private final BureauClock clock;

  SupervisionService(SupervisionRepository repository, ItemQueries items, OrganisationService organisation,
                     CalendarService calendar, BureauClock clock, TaskLists taskLists) {
    this.repository = repository;
    this.taskLists = taskLists;
    this.items = items;
    this.organisation = organisation;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Read in one snapshot, so that every figure of a page counts the same rows. */
  @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
  public Dashboard dashboard(SupervisionScope.Scope scope, String listCode, Period period) {
    Instant now = clock.now();
    Instant start = period.start(clock.zone());
    Instant end = period.end(clock.zone());
    ItemScope items = scope.items();
    List<SupervisionRepository.Counts> counts = repository.unitCounts(items, listCode, now, this.items.yellowFrom(now),
        start, end, asOf(now, end));
    Map<String, Long> lateReports = repository.lateReports(items, listCode, start, end);
    List<UnitFigures> units = new ArrayList<>(counts.stream().map(c -> new UnitFigures(c.id(),
        organisation.unitName(c.id()), c.green(), c.yellow(), c.red(), c.issued(), c.closedOnTime(), c.closedLate(),
        UnitFigures.rate(c.closedOnTime(), c.closedLate()), lateReports.getOrDefault(c.id(), 0L))).toList());
    // a co-unit late in its 协办反馈 without items of its own as lead unit still has its row
    lateReports.forEach((unitId, n) -> {
      if (units.stream().noneMatch(u -> unitId.equals(u.unitId()))) {
        units.add(new UnitFigures(unitId, organisation.unitName(unitId), 0, 0, 0, 0, 0, 0, null, n));
      }
    });
    units.sort(Comparator.comparing(UnitFigures::unitId));
    UnitFigures total = total(units);
    List<UnitFigures> overdueUnits = units.stream().filter(u -> u.red() + u.closedLate() > 0)
        .sorted(Comparator.comparingLong(UnitFigures::red).thenComparingLong(UnitFigures::closedLate).reversed()
            .thenComparing(UnitFigures::unitId))
        .toList();
    List<PersonOverdue> people = repository.overduePeople(items, listCode, now, start, end, RANKING_LIMIT).stream()
        .map(c -> new PersonOverdue(c.id(), organisation.personName(c.id()), c.red(), c.closedLate())).toList();
    LocalDate today = clock.today();
    LocalDate dueSoonUntil = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS);
    List<ItemLine> dueSoon = lines(repository.dueSoon(items, listCode, now, dueSoonUntil, LIST_LIMIT), today);
    List<ItemLine> supervised = lines(repository.supervised(items, listCode, LIST_LIMIT), today);
    return new Dashboard(period, listCode, scope.label(), now, units, total, overdueUnits, people, dueSoonUntil,
        dueSoon, supervised, trend(items, listCode, period));
  }

  /** 通报 of a month or quarter: per unit, and the items that reached the 通报 step within it. */
  @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
  public Bulletin bulletin(SupervisionScope.Scope scope, String listCode, Period period) {
    Instant now = clock.now();
    Instant start = period.start(clock.zone());
    Instant end = period.end(clock.zone());
    Instant asOf = asOf(now, end);
    Map<String, Long> extensions = repository.extensions(scope.items(), listCode, start, end);
    List<BulletinUnit> units = new ArrayList<>();
    for (SupervisionRepository.Counts c : repository.unitCounts(scope.items(), listCode, now,
        items.yellowFrom(now), start, end, asOf)) {
      units.add(new BulletinUnit(c.id(), organisation.unitName(c.id()), c.issued(), c.closedOnTime(), c.closedLate(),
          c.openOverdue(), extensions.getOrDefault(c.id(), 0L), UnitFigures.rate(c.closedOnTime(), c.closedLate())));
    }
    long onTime = sum(units, BulletinUnit::closedOnTime);
    long late = sum(units, BulletinUnit::closedLate);
    BulletinUnit total = new BulletinUnit(null, "合计", sum(units, BulletinUnit::issued), onTime, late,
        sum(units, BulletinUnit::openOverdue), sum(units, BulletinUnit::extensions), UnitFigures.rate(onTime, late));
    LocalDate until = LocalDate.ofInstant(asOf, clock.zone());
    return new Bulletin(period, listCode, scope.label(), asOf, units, total,
        lines(repository.bulletined(scope.items(), listCode, start, end), until));
  }

  /** The task lists, newest first, for the list filter (as the lists module knows them). */
  List<Map<String, Object>> lists() {
    return taskLists.all().stream().map(l -> Map.<String, Object>of("code", l.code(), "name", l.name())).toList();
  }

  /** A past period is counted at its end; the running one now. */
  private static Instant asOf(Instant now, Instant end) {
    return now.isBefore(end) ? now : end;
  }

  private List<MonthFigures> trend(ItemScope scope, String listCode, Period period) {
    // up to the period's last month, or this month while the period runs (no empty future months)
    YearMonth last = YearMonth.from(period.to().isAfter(clock.today()) ? clock.today() : period.to());
    YearMonth first = last.minusMonths(TREND_MONTHS - 1L);
    var found = repository.months(scope, listCode, clock.zone(), first.atDay(1).atStartOfDay(clock.zone()).toInstant(),
            last.plusMonths(1).atDay(1).atStartOfDay(clock.zone()).toInstant()).stream()
        .collect(Collectors.toMap(SupervisionRepository.Month::month, Function.identity()));
    List<MonthFigures> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      var f = found.get(m.toString());
      months.add(f == null ? new MonthFigures(m.toString(), 0, 0, 0)
          : new MonthFigures(m.toString(), f.issued(), f.closedOnTime(), f.closedLate()));
    }
    return months;
  }

  private List<ItemLine> lines(List<SupervisionRepository.Line> lines, LocalDate today) {
    return lines.stream().map(l -> {
      ItemStatus status = ItemStatus.valueOf(l.status());
      EscalationLevel level = EscalationLevel.valueOf(l.escalationLevel());
      LocalDate until = l.closedAt() != null ? LocalDate.ofInstant(l.closedAt(), clock.zone()) : today;
      return new ItemLine(l.code(), l.title(), l.unitId(), organisation.unitName(l.unitId()), l.assignee(),
          organisation.personName(l.assignee()), l.deadline(), status.name(), status.label(), level.name(),
          level.label(), Math.max(0, calendar.workingDaysBetween(l.deadline(), until)));
    }).toList();
  }

  private static UnitFigures total(List<UnitFigures> units) {
    long onTime = sum(units, UnitFigures::closedOnTime);
    long late = sum(units, UnitFigures::closedLate);
    return new UnitFigures(null, "合计", sum(units, UnitFigures::green), sum(units, UnitFigures::yellow),
        sum(units, UnitFigures::red), sum(units, UnitFigures::issued), onTime, late, UnitFigures.rate(onTime, late),
        sum(units, UnitFigures::lateReports));
  }

  private static <T> long sum(List<T> rows, java.util.function.ToLongFunction<T> field) {
    return rows.stream().mapToLong(field).sum();
  }
}
