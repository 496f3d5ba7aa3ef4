package cn.duban.system.web;

import java.util.Optional;

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

  @ModelAttribute("calendarWarning")
  Optional<String> calendarWarning() {
    return calendar.warning();
  }
}
