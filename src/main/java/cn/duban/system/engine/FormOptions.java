package cn.duban.system.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * A list of choices that forms offer by name (a select's {@code valuesKey} in {@code forms/*.form}), made from the
 * organisation or duban's data at the moment a form is served ({@link FormOptionsInterceptor}): a unit added in
 * Camunda Admin appears without a redeployment. The lists are help for people, not trust: the server checks every
 * submitted value by its own rules.
 */
public interface FormOptions {

  /** The name forms use for these options ({@code valuesKey}), e.g. {@code unitOptions}. */
  String key();

  List<Option> options();

  /** Options under {@code key}, made afresh each time a form opens. */
  static FormOptions of(String key, Supplier<List<Option>> options) {
    return new FormOptions() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public List<Option> options() {
        return options.get();
      }
    };
  }

  /** One choice: what people read, the value submitted, and the units it belongs to (a person's). */
  record Option(String label, String value, List<String> units) {

    public Option(String label, String value) {
      this(label, value, List.of());
    }
  }
}
