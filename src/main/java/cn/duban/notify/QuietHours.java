package cn.duban.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 免打扰时段: a daily window (may run over midnight, 22:00-07:30) in the bureau's zone during which push messages
 * other than 督办 and 通报 wait until it ends. {@link #NONE} has no window.
 */
public record QuietHours(LocalTime start, LocalTime end) {

  public static final QuietHours NONE = new QuietHours(null, null);
  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*[-–~至]\\s*(\\d{1,2}:\\d{2})\\s*");

  /** "22:00-07:30", or blank for none; throws {@link IllegalArgumentException} with a Chinese reason otherwise. */
  public static QuietHours parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("免打扰时段「" + text + "」格式不对，应为 HH:mm-HH:mm，例如 22:00-07:30");
    }
    try {
      LocalTime start = LocalTime.parse(pad(m.group(1)));
      LocalTime end = LocalTime.parse(pad(m.group(2)));
      if (start.equals(end)) {
        throw new IllegalArgumentException("免打扰时段「" + text + "」的开始和结束相同");
      }
      return new QuietHours(start, end);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("免打扰时段「" + text + "」中的时间不存在，应为 00:00 到 23:59");
    }
  }

  private static String pad(String time) {
    return time.length() == 4 ? "0" + time : time;
  }

  public boolean none() {
    return start == null;
  }

  public boolean contains(LocalTime time) {
    if (none()) {
      return false;
    }
    return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
        : !time.isBefore(start) || time.isBefore(end);
  }

  /** Whether every minute of this window lies inside {@code outer} (a person may only narrow the bureau's). */
  public boolean within(QuietHours outer) {
    if (none()) {
      return true;
    }
    for (LocalTime t = start; !t.equals(end); t = t.plusMinutes(1)) {
      if (!outer.contains(t)) {
        return false;
      }
    }
    return true;
  }

  /** {@code at}, or the end of the window if {@code at} falls inside it. */
  public Instant after(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    if (!contains(local.toLocalTime())) {
      return at;
    }
    LocalDate day = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    return ZonedDateTime.of(day, end, zone).toInstant();
  }

  @Override
  public String toString() {
    return none() ? "" : start + "-" + end;
  }
}
