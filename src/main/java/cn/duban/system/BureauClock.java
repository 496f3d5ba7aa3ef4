package cn.duban.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The bureau's clock: the engine's clock (so tests drive time through {@link ClockUtil}, never by sleeping)
 * seen in the bureau's zone ({@code DUBAN_ZONE}, {@code Asia/Shanghai} by default).
 */
@Component
public class BureauClock {

  private final ZoneId zone;

  public BureauClock(DubanProperties properties) {
    this.zone = properties.zone();
  }

  public ZoneId zone() {
    return zone;
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now(), zone);
  }

  /** A deadline is due at the end of its day in the bureau's zone (23:59:59). */
  public Instant endOfDay(LocalDate date) {
    return ZonedDateTime.of(date, LocalTime.of(23, 59, 59), zone).toInstant();
  }

  public Date endOfDayAsDate(LocalDate date) {
    return Date.from(endOfDay(date));
  }
}
