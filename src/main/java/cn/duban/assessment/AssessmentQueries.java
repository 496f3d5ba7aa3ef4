package cn.duban.assessment;

import org.springframework.stereotype.Component;

import cn.duban.item.TaskLists;
import cn.duban.supervision.Period;
import cn.duban.system.BureauClock;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/** The 考核's query parameters, read as the 督办台 reads them: the period (supervision's Period) and the list. */
@Component
class AssessmentQueries {

  private final TaskLists taskLists;
  private final BureauClock clock;

  AssessmentQueries(TaskLists taskLists, BureauClock clock) {
    this.taskLists = taskLists;
    this.clock = clock;
  }

  Period period(String period, String from, String to) {
    return Period.parse(period, from, to, clock.today());
  }

  /** Blank means every list; an unknown code is refused (400) rather than answered with zeros. */
  String listCode(String list) {
    if (list == null || list.isBlank()) {
      return null;
    }
    String code = list.strip();
    if (!taskLists.exists(code)) {
      throw new InvalidInputException(new FieldProblem("list", list, "任务清单「" + code + "」不存在"));
    }
    return code;
  }
}
