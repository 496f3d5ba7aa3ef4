package cn.duban.system.web;

/** The request does not fit the current state of the item (e.g. it is not in 承办): 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String detail) {
    super(detail);
  }
}
