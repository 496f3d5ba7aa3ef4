package cn.duban.assessment;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import cn.duban.system.web.InvalidInputException;

/**
 * A bad query or a bad set of rules is a bad request (400, as the 督办台 answers its queries), every field at fault
 * named in {@code errors}; the body has the shape of the general handler's.
 */
@RestControllerAdvice(assignableTypes = AssessmentController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssessmentExceptionHandler {

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("请求有误");
    problem.setProperty("errors", e.problems());
    return problem;
  }
}
