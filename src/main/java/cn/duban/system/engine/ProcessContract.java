package cn.duban.system.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What duban's code relies on in one process: the element ids it names (the read model, the ladder, the forms)
 * and the message names it correlates. A feature declares its contract as a bean, built from its process
 * constants holder, so the list of required ids is never written twice; a deployment of that process that lacks
 * one of them is refused.
 */
public record ProcessContract(String processKey, Set<String> elementIds, Set<String> messageNames) {

  public ProcessContract {
    elementIds = Set.copyOf(elementIds);
    messageNames = Set.copyOf(messageNames);
  }

  /**
   * The contract spelled by a constants holder: every {@code public static final String} of {@code elements}
   * is an element id, of {@code messages} a message name ({@code messages} may be null).
   */
  public static ProcessContract fromConstants(String processKey, Class<?> elements, Class<?> messages) {
    return new ProcessContract(processKey, constants(elements), messages == null ? Set.of() : constants(messages));
  }

  private static Set<String> constants(Class<?> holder) {
    Set<String> values = new TreeSet<>();
    Arrays.stream(holder.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == String.class)
        .forEach(f -> values.add(read(f)));
    return values;
  }

  private static String read(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + field, e);
    }
  }
}
