package cn.duban.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code from} plus {@code workingDays} working days is {@code result}; {@code fallbackUsed} when some year on the
 * way had no arrangement and was counted Monday–Friday ({@code fallbackYears}).
 */
public record WorkingDaySum(LocalDate from, int workingDays, LocalDate result, boolean fallbackUsed,
                            List<Integer> fallbackYears) {
}
