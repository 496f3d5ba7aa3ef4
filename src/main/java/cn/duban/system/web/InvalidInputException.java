package cn.duban.system.web;

import java.util.List;

/** Input that cannot be accepted: answered with 422 and every field at fault. Nothing has been written. */
public class InvalidInputException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public InvalidInputException(String detail, List<FieldProblem> problems) {
    super(detail);
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(FieldProblem problem) {
    this(problem.message(), List.of(problem));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
