package cn.duban.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * duban's working-day syntax for BPMN timers and task due dates, next to ISO 8601 (which keeps Camunda's meaning).
 * {@code WD} stands for working day (工作日), counted in the bureau's zone:
 * <pre>
 *   P3WD             3 working days later, at the same time of day
 *   P3WD@09:00       on the 3rd working day, at 09:00 (also @17:30:00)
 *   P0WD@17:00       today at 17:00 if today is a working day, else the next working day at 17:00
 *   R/P1WD@09:00     timeCycle: every working day at 09:00, for ever
 *   R3/P2WD          timeCycle: three times, every 2 working days (same time of day as the start)
 *   R/2026-10-08T09:00:00+08:00/P1WD   timeCycle from a given start (as ISO 8601 allows; give the offset,
 *                    since Camunda reads a start without one in the JVM's zone, not the bureau's)
 * </pre>
 * "The Nth working day after" counts as {@link WorkingDays#addWorkingDays} does: a start on a holiday or weekend
 * counts from that day, so {@code P1WD} from a Saturday is the next working day. Working <em>days</em> only: hours
 * of work are not modelled, so {@code P1WD} from Friday 22:00 is the next working day at 22:00.
 * Letters may be lower case; whitespace around is ignored. A text containing {@code WD} that does not fit is an
 * error rather than being passed to the ISO parser.
 */
public record WorkingDayExpression(boolean cycle, int repetitions, String start, int workingDays, LocalTime at) {

  /** As in ISO 8601 and Camunda: {@code R/…} without a count repeats for ever. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  static final String SYNTAX = "P<n>WD, P<n>WD@HH:mm, R/P<n>WD, R<count>/P<n>WD@HH:mm or R<count>/<start>/P<n>WD "
      + "(WD = working day, e.g. P3WD, P3WD@09:00, R/P1WD@09:00)";

  private static final String PERIOD = "P(\\d{1,4})WD(?:@(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?";
  private static final Pattern DURATION = Pattern.compile(PERIOD);
  private static final Pattern CYCLE = Pattern.compile("R(\\d{0,9})/(?:([^/]+)/)?" + PERIOD);

  /**
   * The working-day expression a text is, or empty when it is none (an ISO 8601 value, a cron expression …).
   *
   * @throws IllegalArgumentException when the text mentions working days ({@code WD}) but does not fit the syntax
   */
  public static Optional<WorkingDayExpression> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String upper = text.strip().toUpperCase(Locale.ROOT);
    if (!upper.contains("WD")) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(upper);
    if (m.matches()) {
      return Optional.of(new WorkingDayExpression(false, 0, null, Integer.parseInt(m.group(1)), time(m, 2, text)));
    }
    m = CYCLE.matcher(upper);
    if (m.matches()) {
      int repetitions = m.group(1).isEmpty() ? UNBOUNDED : Integer.parseInt(m.group(1));
      int workingDays = Integer.parseInt(m.group(3));
      if (workingDays < 1) {
        throw new IllegalArgumentException("A working-day cycle needs at least 1 working day between occurrences: '"
            + text + "'");
      }
      return Optional.of(new WorkingDayExpression(true, repetitions, m.group(2), workingDays, time(m, 4, text)));
    }
    throw new IllegalArgumentException("Not a working-day expression: '" + text + "'; expected " + SYNTAX);
  }

  private static LocalTime time(Matcher m, int group, String text) {
    if (m.group(group) == null) {
      return null;
    }
    try {
      return LocalTime.of(Integer.parseInt(m.group(group)), Integer.parseInt(m.group(group + 1)),
          m.group(group + 2) == null ? 0 : Integer.parseInt(m.group(group + 2)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Not a time of day in '" + text + "'; expected HH:mm or HH:mm:ss", e);
    }
  }

  /** One step: the {@link #workingDays}th working day after {@code from}, at {@link #at} or at {@code from}'s time. */
  public Instant after(Instant from, ZoneId zone, WorkingDays calendar) {
    ZonedDateTime start = from.atZone(zone);
    LocalDate day = calendar.addWorkingDays(start.toLocalDate(), workingDays);
    return ZonedDateTime.of(day, at != null ? at : start.toLocalTime(), zone).toInstant();
  }

  /**
   * The next occurrence of a cycle that began at {@code start}: the first one later than {@code reference} minus
   * {@code repeatOffsetMillis}, moved by that offset; {@code null} when all repetitions have passed. This mirrors
   * Camunda's own cycle arithmetic ({@code DurationHelper}), with working-day steps instead of an ISO period.
   */
  public Instant nextOccurrence(Instant start, Instant reference, long repeatOffsetMillis, ZoneId zone,
                                WorkingDays calendar) {
    Instant threshold = reference.minusMillis(repeatOffsetMillis);
    Instant occurrence = start;
    for (int i = 0; i < repetitions && !occurrence.isAfter(threshold); i++) {
      occurrence = after(occurrence, zone, calendar);
    }
    if (!occurrence.isAfter(threshold)) {
      // all repetitions have passed (Camunda would hand back the last one again when asked exactly on time)
      return null;
    }
    return occurrence.plusMillis(repeatOffsetMillis);
  }
}
