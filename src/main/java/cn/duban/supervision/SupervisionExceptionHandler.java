package cn.duban.supervision;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A bad query of the 督办台's JSON is a bad request (400), not invalid input to be stored (422, as the general
 * handler answers {@link cn.duban.system.web.InvalidInputException}); the body has the same shape.
 */
@RestControllerAdvice(assignableTypes = SupervisionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SupervisionExceptionHandler {

  @ExceptionHandler(InvalidQueryException.class)
  ProblemDetail invalidQuery(InvalidQueryException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("查询参数有误");
    problem.setProperty("errors", e.problems());
    return problem;
  }
}
