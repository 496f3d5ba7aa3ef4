package cn.duban.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Working days (工作日) in mainland China: Monday to Friday, minus the statutory holidays (放假), plus the weekend
 * days declared working days (调休上班), as the State Council's yearly notices publish them.
 * <p>
 * A year without an arrangement is counted Monday to Friday. That is a guess, so this class never hides it:
 * {@link #missingYearsBetween} tells a caller which years of a computation were guessed, and the service around it
 * logs and shows them. Immutable and engine-free; a new arrangement means a new instance.
 */
public final class WorkingCalendar implements WorkingDays {

  /** Far more than any deadline needs; keeps a wrong input from walking the calendar for ever. */
  static final int MAX_WORKING_DAYS = 10_000;

  private final Map<Integer, YearArrangement> years;
  private final Map<LocalDate, HolidayDay> specialDays;

  private WorkingCalendar(Map<Integer, YearArrangement> years) {
    this.years = Collections.unmodifiableMap(new TreeMap<>(years));
    Map<LocalDate, HolidayDay> days = new HashMap<>();
    // ascending years: a notice for the next year (its 元旦 may reach back into late December) has the last word
    this.years.values().forEach(year -> year.days().forEach(day -> days.put(day.date(), day)));
    this.specialDays = Map.copyOf(days);
  }

  public static WorkingCalendar of(Collection<YearArrangement> arrangements) {
    Map<Integer, YearArrangement> byYear = new HashMap<>();
    for (YearArrangement arrangement : arrangements) {
      if (byYear.put(arrangement.year(), arrangement) != null) {
        throw new IllegalArgumentException("Two arrangements for " + arrangement.year());
      }
    }
    return new WorkingCalendar(byYear);
  }

  /** No arrangement at all: Monday to Friday everywhere (every year is missing). */
  public static WorkingCalendar mondayToFriday() {
    return new WorkingCalendar(Map.of());
  }

  @Override
  public boolean isWorkingDay(LocalDate day) {
    HolidayDay special = specialDays.get(day);
    if (special != null) {
      return !special.offDay();
    }
    return !isWeekend(day);
  }

  @Override
  public LocalDate addWorkingDays(LocalDate from, int n) {
    if (Math.abs(n) > MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("At most " + MAX_WORKING_DAYS + " working days, not " + n);
    }
    LocalDate day = from;
    if (n == 0) {
      while (!isWorkingDay(day)) {
        day = day.plusDays(1);
      }
      return day;
    }
    int step = n > 0 ? 1 : -1;
    for (int counted = 0; counted < Math.abs(n); ) {
      day = day.plusDays(step);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  @Override
  public int workingDaysBetween(LocalDate a, LocalDate b) {
    if (b.isBefore(a)) {
      return -workingDaysBetween(b, a);
    }
    int count = 0;
    for (LocalDate day = a.plusDays(1); !day.isAfter(b); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** The holiday or 调休 entry of a day, if the loaded arrangements list it. */
  public Optional<HolidayDay> specialDay(LocalDate day) {
    return Optional.ofNullable(specialDays.get(day));
  }

  /** Whether a year's arrangement is loaded (otherwise it is counted Monday to Friday). */
  public boolean covers(int year) {
    return years.containsKey(year);
  }

  public Optional<YearArrangement> arrangement(int year) {
    return Optional.ofNullable(years.get(year));
  }

  public SortedSet<Integer> loadedYears() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(years.keySet()));
  }

  public List<YearArrangement> arrangements() {
    return years.values().stream().sorted(Comparator.comparingInt(YearArrangement::year)).toList();
  }

  /**
   * The years between two days (both included, in either order) that have no arrangement: a computation that
   * walked from one to the other counted those years Monday to Friday.
   */
  public SortedSet<Integer> missingYearsBetween(LocalDate a, LocalDate b) {
    int first = Math.min(a.getYear(), b.getYear());
    int last = Math.max(a.getYear(), b.getYear());
    SortedSet<Integer> missing = new TreeSet<>();
    for (int year = first; year <= last; year++) {
      if (!covers(year)) {
        missing.add(year);
      }
    }
    return Collections.unmodifiableSortedSet(missing);
  }

  static boolean isWeekend(LocalDate day) {
    DayOfWeek dayOfWeek = day.getDayOfWeek();
    return dayOfWeek == DayOfWeek.SATURDAY || dayOfWeek == DayOfWeek.SUNDAY;
  }

  /** A notice for {@code year} may list its own days and, for 元旦, days of the December before. */
  static boolean belongsTo(LocalDate day, int year) {
    return day.getYear() == year || (day.getYear() == year - 1 && day.getMonth() == Month.DECEMBER);
  }
}
