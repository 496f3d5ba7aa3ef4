package cn.duban.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the 督办台 and the 通报 show, as JSON and on the pages. */
final class Figures {

  private Figures() {
  }

  /**
   * One unit's figures. Open items by light are counted now; issued, closed on time and late within the period.
   *
   * @param onTimeRate closed on time as a percentage of the items closed in the period (one decimal), null when
   *                   none was closed
   * @param lateReports 反馈逾期 of the unit (as lead unit or co-unit) whose report was due within the period
   */
  record UnitFigures(String unitId, String unitName, long green, long yellow, long red, long issued,
                     long closedOnTime, long closedLate, Double onTimeRate, long lateReports) {

    public long open() {
      return green + yellow + red;
    }

    static Double rate(long onTime, long late) {
      return onTime + late == 0 ? null : Math.round(onTime * 1000.0 / (onTime + late)) / 10.0;
    }
  }

  /** A person's overdue items: open past the deadline now, and closed late within the period. */
  record PersonOverdue(String userId, String name, long overdue, long closedLate) {
  }

  /** An item as a line of the 督办台's short lists and of the 通报. */
  record ItemLine(String code, String title, String unitId, String unitName, String assignee, String assigneeName,
                  LocalDate deadline, String status, String statusLabel, String escalationLevel,
                  String escalationLabel, int overdueWorkingDays) {
  }

  /** Items issued and closed (on time, late) in one month, {@code 2026-11}. */
  record MonthFigures(String month, long issued, long closedOnTime, long closedLate) {
  }

  /** GET /api/dashboard. */
  record Dashboard(Period period, String listCode, String scope, Instant asOf, List<UnitFigures> units,
                   UnitFigures total, List<UnitFigures> overdueUnits, List<PersonOverdue> overduePeople,
                   LocalDate dueSoonUntil, List<ItemLine> dueSoon, List<ItemLine> supervised,
                   List<MonthFigures> trend) {
  }

  /**
   * One unit's line of the 通报.
   *
   * @param openOverdue open past the deadline at the end of the period (or now, while the period runs)
   * @param extensions  deadline changes (延期) approved within the period
   */
  record BulletinUnit(String unitId, String unitName, long issued, long closedOnTime, long closedLate,
                      long openOverdue, long extensions, Double onTimeRate) {
  }

  /** GET /api/bulletin: the periodic 通报 with the items marked for it (通报 step reached within the period). */
  record Bulletin(Period period, String listCode, String scope, Instant asOf, List<BulletinUnit> units,
                  BulletinUnit total, List<ItemLine> items) {
  }
}
