package cn.duban.system.web;

import java.util.List;

/**
 * An upload larger than a limit: 413, with the field at fault. It is invalid input like any other (pages that show
 * {@link InvalidInputException}s show it too), answered with the status that says what is wrong.
 */
public class TooLargeException extends InvalidInputException {

  public TooLargeException(String detail, FieldProblem problem) {
    super(detail, List.of(problem));
  }
}
