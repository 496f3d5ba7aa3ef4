package cn.duban.system.engine;

import java.util.function.Supplier;

/**
 * Engine calls that duban's own code makes on a person's behalf after it has checked them by its own rules (issuing
 * an item through {@code POST /api/items}, a list import): the {@link EngineCallGuard} lets them through, because
 * what they carry was not written by that person but built by duban (a validated item, a list's code). Everything
 * else a person sends to the engine, from Tasklist, {@code /engine-rest} or duban's own task API, is checked.
 * The mark is a thread-local of the calling thread: nothing from outside the JVM can set it.
 */
public final class TrustedEngineCalls {

  private static final ThreadLocal<Boolean> TRUSTED = new ThreadLocal<>();

  private TrustedEngineCalls() {
  }

  public static <T> T call(Supplier<T> work) {
    Boolean saved = TRUSTED.get();
    TRUSTED.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (saved == null) {
        TRUSTED.remove();
      } else {
        TRUSTED.set(saved);
      }
    }
  }

  static boolean active() {
    return Boolean.TRUE.equals(TRUSTED.get());
  }
}
