package cn.duban.system.web;

/** One field at fault in a request: which field, the value given and why it is wrong (in Chinese). */
public record FieldProblem(String field, Object value, String message) {
}
