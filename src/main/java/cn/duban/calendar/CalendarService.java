package cn.duban.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.NotFoundException;

/**
 * The working-day calendar of the running system: the years shipped in {@code calendar/holidays/} and, overriding
 * them, the years admins stored. Counting here is the plain {@link WorkingCalendar}, plus loudness: whenever a
 * computation touches a year without an arrangement, the guess (Monday–Friday) is logged as a WARN (once a minute
 * per year), and {@link #status()} and {@link #warning()} tell people.
 * <p>
 * A stored year takes effect at once on this node; other nodes notice the change within a minute.
 */
@Service
public class CalendarService implements WorkingDays {

  private static final Logger log = LoggerFactory.getLogger(CalendarService.class);

  /** How often the database is asked whether another node stored a year. */
  static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);
  /** At most one WARN per missing year in this interval. */
  static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

  private final CalendarRepository repository;
  private final BureauClock clock;
  private final TransactionTemplate outsideTransactions;
  private final ObjectMapper json = new ObjectMapper();

  private final Map<Integer, Long> lastWarned = new ConcurrentHashMap<>();
  private final Set<Integer> fallbackYearsUsed = ConcurrentHashMap.newKeySet();
  private volatile List<YearArrangement> files;
  private volatile Snapshot snapshot;

  /** The calendar in use and what it was built from. */
  private record Snapshot(WorkingCalendar calendar, Map<Integer, CalendarYear> years,
                          CalendarRepository.Fingerprint fingerprint, long checkedAt) {
  }

  CalendarService(CalendarRepository repository, BureauClock clock, PlatformTransactionManager transactions) {
    this.repository = repository;
    this.clock = clock;
    // reading the calendar must never take part in (nor break) the caller's transaction, e.g. the engine's
    this.outsideTransactions = new TransactionTemplate(transactions);
    this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
  }

  // --- counting ---------------------------------------------------------------------------------------------------

  @Override
  public boolean isWorkingDay(LocalDate day) {
    WorkingCalendar calendar = calendar();
    boolean working = calendar.isWorkingDay(day);
    noteFallback(calendar, day, day, "isWorkingDay(" + day + ")");
    return working;
  }

  @Override
  public LocalDate addWorkingDays(LocalDate from, int n) {
    return add(from, n).result();
  }

  @Override
  public int workingDaysBetween(LocalDate a, LocalDate b) {
    WorkingCalendar calendar = calendar();
    int count = calendar.workingDaysBetween(a, b);
    noteFallback(calendar, a, b, "workingDaysBetween(" + a + ", " + b + ") = " + count);
    return count;
  }

  /** {@link #addWorkingDays} with the years on the way that were counted Monday–Friday. */
  public WorkingDaySum add(LocalDate from, int n) {
    WorkingCalendar calendar = calendar();
    LocalDate result = calendar.addWorkingDays(from, n);
    SortedSet<Integer> missing = noteFallback(calendar, from, result, "addWorkingDays(" + from + ", " + n + ") = " + result);
    return new WorkingDaySum(from, n, result, !missing.isEmpty(), List.copyOf(missing));
  }

  /**
   * The date a deadline text means for an item issued on {@code issuedOn}: {@code 5个工作日} (also {@code ５个工作日内},
   * {@code 5 个工作日}, {@code 5工作日}, {@code 五个工作日}) is the 5th working day after it; a date
   * ({@code 2026-12-31}, {@code 2026/12/31}, {@code 2026.12.31}, {@code 2026年12月31日}) is itself. Empty when the
   * text is neither.
   */
  public Optional<LocalDate> deadline(String text, LocalDate issuedOn) {
    return DeadlineText.parse(text).map(deadline -> deadline.dueOn(issuedOn, this));
  }

  /** The calendar in use, for computations over many days at once (they do not warn; see {@link #add}). */
  public WorkingCalendar calendar() {
    return current().calendar();
  }

  // --- loudness ---------------------------------------------------------------------------------------------------

  /**
   * The notice every duban page shows while this year's or next year's arrangement is missing (working days there
   * are counted Monday–Friday); empty when both are loaded.
   */
  public Optional<CalendarNotice> notice() {
    List<Integer> missing = missingAroundToday(calendar());
    return missing.isEmpty() ? Optional.empty() : Optional.of(new CalendarNotice(missing));
  }

  public CalendarStatus status() {
    Snapshot current = current();
    List<Integer> missing = missingAroundToday(current.calendar());
    List<Integer> used = fallbackYearsUsed.stream().filter(year -> !current.calendar().covers(year)).sorted().toList();
    List<CalendarStatus.YearSummary> years = current.years().values().stream()
        .map(y -> new CalendarStatus.YearSummary(y.year(), y.source(), y.days().size())).toList();
    return new CalendarStatus(clock.today(), List.copyOf(current.calendar().loadedYears()), missing,
        !missing.isEmpty(), used, message(missing), years);
  }

  /** A loaded year, with its source. */
  public Optional<CalendarYear> year(int year) {
    return Optional.ofNullable(current().years().get(year));
  }

  private List<Integer> missingAroundToday(WorkingCalendar calendar) {
    int thisYear = clock.today().getYear();
    return List.copyOf(calendar.missingYearsBetween(LocalDate.of(thisYear, 1, 1), LocalDate.of(thisYear + 1, 1, 1)));
  }

  private static String message(List<Integer> missing) {
    return missing.isEmpty() ? null : new CalendarNotice(missing).text();
  }

  private SortedSet<Integer> noteFallback(WorkingCalendar calendar, LocalDate a, LocalDate b, String computation) {
    SortedSet<Integer> missing = calendar.missingYearsBetween(a, b);
    for (int year : missing) {
      fallbackYearsUsed.add(year);
      long now = System.nanoTime();
      boolean[] due = {false};
      lastWarned.compute(year, (y, previous) -> {
        due[0] = previous == null || now - previous >= WARN_INTERVAL.toNanos();
        return due[0] ? now : previous;
      });
      if (due[0]) {
        log.warn("No holiday arrangement for {}: counted Monday to Friday, holidays and 调休 ignored, in {}. "
            + "Store the State Council's arrangement on the page /admin/calendar/{} or with PUT /api/calendar/{} "
            + "(this warning is repeated at most once a minute).", year, computation, year, year);
      }
    }
    return missing;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reportOnStartup() {
    Snapshot current = current();
    log.info("Working-day calendar: {}", current.years().values().stream()
        .map(y -> y.year() + " (" + y.source().json() + ")").collect(Collectors.joining(", ")));
    List<Integer> missing = missingAroundToday(current.calendar());
    if (!missing.isEmpty()) {
      log.warn("Working-day calendar: NO holiday arrangement for {} (today is {}); working days there are counted "
          + "Monday to Friday, holidays and 调休 ignored, so deadlines in those years may be wrong. Store the State "
          + "Council's arrangement on the page /admin/calendar or with PUT /api/calendar/<year>.", missing,
          clock.today());
    }
  }

  // --- admin ------------------------------------------------------------------------------------------------------

  /**
   * Stores a year's arrangement (admins only), replacing any stored before, and uses it at once.
   *
   * @throws cn.duban.system.web.InvalidInputException with every problem; nothing is stored then
   */
  public CalendarYear store(int year, JsonNode document, DubanUser user) {
    requireAdmin(user);
    YearArrangement arrangement = ArrangementRules.validate(document, year);
    repository.replace(arrangement, user.id(), clock.now());
    reload();
    log.info("Holiday arrangement for {} stored by {} ({} days); it is used from now on", year, user.id(),
        arrangement.days().size());
    return year(year).orElseThrow();
  }

  /** Removes a stored year (admins only): the shipped file of that year, if any, applies again. */
  public void remove(int year, DubanUser user) {
    requireAdmin(user);
    if (!repository.delete(year)) {
      throw new NotFoundException("数据库中没有 " + year + " 年的节假日安排。");
    }
    reload();
    log.info("Stored holiday arrangement for {} removed by {}", year, user.id());
  }

  private static void requireAdmin(DubanUser user) {
    if (user == null || !user.isAdmin()) {
      throw new ForbiddenException("只有管理员可以修改工作日历（节假日安排）。");
    }
  }

  // --- loading ----------------------------------------------------------------------------------------------------

  /** Reads the stored years again (after a change on this node). */
  public void reload() {
    synchronized (this) {
      snapshot = load();
    }
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null) {
      synchronized (this) {
        if (snapshot == null) {
          snapshot = load();
        }
        return snapshot;
      }
    }
    if (isDue(current)) {
      checkForChanges(false);
    }
    return snapshot;
  }

  private static boolean isDue(Snapshot snapshot) {
    return System.nanoTime() - snapshot.checkedAt() > REFRESH_INTERVAL.toNanos();
  }

  /**
   * Reloads when another node stored or removed a year: a cheap query, asked by {@link #current()} at most once a
   * minute, or now when {@code force}d.
   */
  void checkForChanges(boolean force) {
    synchronized (this) {
      Snapshot seen = snapshot;
      if (seen == null) {
        snapshot = load();
        return;
      }
      if (!force && !isDue(seen)) {
        return; // another thread has just checked
      }
      try {
        CalendarRepository.Fingerprint now = outsideTransactions.execute(status -> repository.fingerprint());
        snapshot = Objects.equals(now, seen.fingerprint())
            ? new Snapshot(seen.calendar(), seen.years(), seen.fingerprint(), System.nanoTime())
            : load();
      } catch (RuntimeException e) {
        log.warn("Could not check the stored holiday arrangements; keeping those loaded: {}", e.toString());
        snapshot = new Snapshot(seen.calendar(), seen.years(), seen.fingerprint(), System.nanoTime());
      }
    }
  }

  private Snapshot load() {
    if (files == null) {
      files = HolidayFiles.load(json);
    }
    record Stored(List<CalendarRepository.StoredYear> years, CalendarRepository.Fingerprint fingerprint) {
    }
    Stored stored = outsideTransactions.execute(status -> new Stored(repository.findAll(), repository.fingerprint()));
    Map<Integer, CalendarYear> years = new TreeMap<>();
    files.forEach(file -> years.put(file.year(), CalendarYear.ofFile(file)));
    for (CalendarRepository.StoredYear year : stored.years()) {
      int y = year.arrangement().year();
      years.put(y, CalendarYear.ofDatabase(year.arrangement(), years.containsKey(y), year.updatedBy(), year.updatedAt()));
    }
    List<YearArrangement> arrangements = new ArrayList<>();
    years.values().forEach(y -> arrangements.add(y.arrangement()));
    return new Snapshot(WorkingCalendar.of(arrangements), Collections.unmodifiableMap(new LinkedHashMap<>(years)),
        stored.fingerprint(), System.nanoTime());
  }
}
