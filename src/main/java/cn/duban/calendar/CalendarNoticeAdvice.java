package cn.duban.calendar;

import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every duban page shows: the notice while this or next year's holiday arrangement is missing (the layout adds
 * a link to the admins' page for admins only).
 */
@ControllerAdvice(annotations = Controller.class)
class CalendarNoticeAdvice {

  private final CalendarService calendar;

  CalendarNoticeAdvice(CalendarService calendar) {
    this.calendar = calendar;
  }

  /** Not on the error page: it is also shown when the database cannot be reached. */
  @ModelAttribute("calendarNotice")
  Optional<CalendarNotice> calendarNotice(HttpServletRequest request) {
    return request.getDispatcherType() == DispatcherType.ERROR ? Optional.empty() : calendar.notice();
  }
}
