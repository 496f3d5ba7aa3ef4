package cn.duban.lists;

/** The uploaded file cannot be read as a list at all (empty, too large, not a spreadsheet …). */
public class ListFileRefusedException extends RuntimeException {

  private final transient ImportProblem problem;

  public ListFileRefusedException(ImportProblem problem) {
    super(problem.reason());
    this.problem = problem;
  }

  public ListFileRefusedException(ImportProblem problem, Throwable cause) {
    super(problem.reason(), cause);
    this.problem = problem;
  }

  public ImportProblem problem() {
    return problem;
  }
}
