package cn.duban.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DateTimeUtil;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's three business calendars, taught duban's working-day syntax ({@link WorkingDayExpression}: {@code P3WD},
 * {@code P3WD@09:00}, {@code R/P1WD@09:00}). Every other value (ISO 8601 dates, durations and cycles, cron) goes
 * to Camunda's own calendar unchanged.
 * <ul>
 *   <li>{@code dueDate}: user task {@code camunda:dueDate} and {@code camunda:followUpDate}, timer {@code timeDate};</li>
 *   <li>{@code duration}: timer {@code timeDuration};</li>
 *   <li>{@code cycle}: timer {@code timeCycle}, also for every repetition.</li>
 * </ul>
 * They extend Camunda's classes rather than wrapping them because the engine casts the cycle calendar to
 * {@link CycleBusinessCalendar} when it schedules a cycle's next repetition.
 */
final class WorkingDayBusinessCalendars {

  private WorkingDayBusinessCalendars() {
  }

  static BusinessCalendarManager manager(WorkingDays calendar, Supplier<ZoneId> zone) {
    Working working = new Working(calendar, zone);
    MapBusinessCalendarManager manager = new MapBusinessCalendarManager();
    manager.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDate(working));
    manager.addBusinessCalendar(DurationBusinessCalendar.NAME, new Duration(working));
    manager.addBusinessCalendar(CycleBusinessCalendar.NAME, new Cycle(working));
    return manager;
  }

  private static Optional<WorkingDayExpression> parse(String description) {
    try {
      return WorkingDayExpression.parse(description);
    } catch (IllegalArgumentException e) {
      throw new ProcessEngineException(e.getMessage(), e);
    }
  }

  /** The bureau's working days and zone, shared by the three calendars. */
  private record Working(WorkingDays calendar, Supplier<ZoneId> zone) {

    /**
     * A working-day expression that is not a cycle, from {@code start} (now when null); anything else is resolved by
     * Camunda's calendar ({@code camunda}).
     */
    Date once(String description, Date start, String where, BiFunction<String, Date, Date> camunda) {
      Optional<WorkingDayExpression> parsed = parse(description);
      if (parsed.isEmpty()) {
        return camunda.apply(description, start);
      }
      if (parsed.get().cycle()) {
        throw new ProcessEngineException("A working-day cycle '" + description + "' cannot be " + where
            + "; use it in a timeCycle, or write P<n>WD here");
      }
      Instant from = (start != null ? start : ClockUtil.getCurrentTime()).toInstant();
      return Date.from(parsed.get().after(from, zone.get(), calendar));
    }
  }

  /**
   * {@code camunda:dueDate}, {@code camunda:followUpDate} and {@code timeDate}. The engine's other two overloads
   * ({@code resolveDuedate(String)} and {@code (String, Task)}) call this one with no start, as do {@link Duration}'s.
   */
  static final class DueDate extends DueDateBusinessCalendar {
    private final Working working;

    DueDate(Working working) {
      this.working = working;
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
      return working.once(description, startDate, "a due date", super::resolveDuedate);
    }
  }

  /** {@code timeDuration}. */
  static final class Duration extends DurationBusinessCalendar {
    private final Working working;

    Duration(Working working) {
      this.working = working;
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
      return working.once(description, startDate, "a timeDuration", super::resolveDuedate);
    }
  }

  /**
   * {@code timeCycle}. For a repeating timer the engine stores the cycle with its start inserted
   * ({@code R/2026-09-30T10:00:00/P1WD}) and asks again after each firing, with the repeat offset; the next
   * occurrence is then counted from that start, as Camunda does for ISO cycles.
   */
  static final class Cycle extends CycleBusinessCalendar {
    private final Working working;

    Cycle(Working working) {
      this.working = working;
    }

    @Override
    public Date resolveDuedate(String description, Task task) {
      return resolveDuedate(description, null, 0);
    }

    @Override
    public Date resolveDuedate(String description) {
      return resolveDuedate(description, null, 0);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate) {
      return resolveDuedate(description, startDate, 0);
    }

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
      Optional<WorkingDayExpression> parsed = parse(description);
      if (parsed.isEmpty()) {
        return super.resolveDuedate(description, startDate, repeatOffset);
      }
      WorkingDayExpression expression = parsed.get();
      if (!expression.cycle()) {
        throw new ProcessEngineException("A timeCycle needs a repetition: write R/" + description.strip()
            + " (for ever) or R<count>/" + description.strip());
      }
      Date now = startDate != null ? startDate : ClockUtil.getCurrentTime();
      Date start;
      try {
        // the engine writes the start it inserts in its own format; read it back with its own parser
        start = expression.start() != null ? DateTimeUtil.parseDate(expression.start()) : now;
      } catch (RuntimeException e) {
        throw new ProcessEngineException("Cannot read the start of the cycle '" + description + "'", e);
      }
      Instant next = expression.nextOccurrence(start.toInstant(), now.toInstant(), repeatOffset,
          working.zone().get(), working.calendar());
      return next == null ? null : Date.from(next);
    }
  }
}
