package cn.duban.system.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * A list of choices that forms offer by name (a searchable select's {@code valuesKey}), made from the organisation
 * or duban's data at the moment a form opens: a unit added in Camunda Admin appears without a redeployment. The
 * lists are help for people, not trust: the server checks every submitted value by its own rules.
 */
public interface FormOptions {

  /** The form variable the options arrive in, e.g. {@code unitOptions}. */
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

  /**
   * One choice: what people read, the value submitted, and the groups it belongs to (a person's units), which a form
   * may filter by (FEEL: {@code personOptions[list contains(units, unitId)]}).
   */
  record Option(String label, String value, List<String> units) {

    public Option(String label, String value) {
      this(label, value, List.of());
    }
  }
}
