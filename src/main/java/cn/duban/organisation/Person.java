package cn.duban.organisation;

/** A person: a Camunda user; {@code name} is the full Chinese name (姓 + 名). */
public record Person(String id, String name, String email) {
}
