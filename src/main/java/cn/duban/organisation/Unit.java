package cn.duban.organisation;

/** A responsible unit (责任部门): a Camunda group of type {@code unit}. */
public record Unit(String id, String name) {
}
