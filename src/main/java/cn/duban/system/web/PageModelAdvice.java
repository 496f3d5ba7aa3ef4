package cn.duban.system.web;

import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.duban.calendar.CalendarService;

/** What every duban page shows: the banner when this or next year's holiday arrangement is missing. */
@ControllerAdvice(annotations = Controller.class)
class PageModelAdvice {

  private final CalendarService calendar;

  PageModelAdvice(CalendarService calendar) {
    this.calendar = calendar;
  }

  /** Not on the error page: it is also shown when the database cannot be reached. */
  @ModelAttribute("calendarWarning")
  Optional<String> calendarWarning(HttpServletRequest request) {
    return request.getDispatcherType() == DispatcherType.ERROR ? Optional.empty() : calendar.warning();
  }
}
