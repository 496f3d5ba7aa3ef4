package cn.duban.lists;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.duban.calendar.CalendarService;
import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Unit;

/** The list checker's view of the organisation and of the working-day calendar. */
@Component
class OrganisationListDirectory implements ListDirectory {

  private final OrganisationService organisation;
  private final CalendarService calendar;

  OrganisationListDirectory(OrganisationService organisation, CalendarService calendar) {
    this.organisation = organisation;
    this.calendar = calendar;
  }

  @Override
  public Optional<String> unitIdByIdOrName(String idOrName) {
    return organisation.unitByIdOrName(idOrName).map(Unit::id);
  }

  @Override
  public List<String> userIdsByIdOrName(String idOrName) {
    return organisation.userIdsByIdOrName(idOrName);
  }

  @Override
  public boolean isMember(String userId, String unitId) {
    return organisation.isMember(userId, unitId);
  }

  @Override
  public boolean isLeader(String userId) {
    return organisation.isLeader(userId);
  }

  @Override
  public LocalDate addWorkingDays(LocalDate from, int workingDays) {
    return calendar.addWorkingDays(from, workingDays);
  }

  /** A year without a published holiday arrangement is counted Monday to Friday: the row says so. */
  @Override
  public Optional<String> workingDaysCaveat(LocalDate from, LocalDate to) {
    var missing = calendar.calendar().missingYearsBetween(from, to);
    return missing.isEmpty() ? Optional.empty()
        : Optional.of(missing + " 年的节假日安排尚未载入，按周一至周五计算了工作日，请核对完成时限。");
  }
}
