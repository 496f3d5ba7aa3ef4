package cn.duban.supervision;

import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/** A query parameter of the 督办台 that cannot be understood (a period like 2026-13): answered with 400. */
class InvalidQueryException extends InvalidInputException {

  InvalidQueryException(FieldProblem problem) {
    super(problem);
  }
}
