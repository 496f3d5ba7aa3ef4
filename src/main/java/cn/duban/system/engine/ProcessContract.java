package cn.duban.system.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What duban's code relies on in one process: the element ids it names (the read model, the ladder, the forms)
 * and the message names it correlates; and what the process relies on in the code: the Spring beans its
 * expressions call ({@code ${registerItemDelegate}}, {@code ${itemEscalation.overdueAt(execution)}}). A feature
 * declares its contract as a bean, built from its process constants holder, so the list of required ids is never
 * written twice; a deployment of that process that lacks one of them is refused. The beans of all contracts are
 * the only beans any expression may reach ({@link ExpressionPolicy}).
 */
public record ProcessContract(String processKey, Set<String> elementIds, Set<String> messageNames, Set<String> beans) {

  public ProcessContract {
    elementIds = Set.copyOf(elementIds);
    messageNames = Set.copyOf(messageNames);
    beans = Set.copyOf(beans);
  }

  public ProcessContract(String processKey, Set<String> elementIds, Set<String> messageNames) {
    this(processKey, elementIds, messageNames, Set.of());
  }

  /**
   * The contract spelled by a constants holder: every {@code public static final String} of {@code elements}
   * is an element id, of {@code messages} a message name ({@code messages} may be null).
   */
  public static ProcessContract fromConstants(String processKey, Class<?> elements, Class<?> messages) {
    return new ProcessContract(processKey, constants(elements), messages == null ? Set.of() : constants(messages));
  }

  /** This contract, with the beans (by bean name) the process's expressions call. */
  public ProcessContract withBeans(String... names) {
    return new ProcessContract(processKey, elementIds, messageNames, Set.of(names));
  }

  /** The beans expressions may reach: those of every contract. */
  static Set<String> beansOf(Collection<ProcessContract> contracts) {
    Set<String> beans = new TreeSet<>();
    contracts.forEach(c -> beans.addAll(c.beans()));
    return beans;
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
