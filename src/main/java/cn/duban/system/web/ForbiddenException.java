package cn.duban.system.web;

/** The caller is known but may not do this: 403. */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String detail) {
    super(detail);
  }
}
