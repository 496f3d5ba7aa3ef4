package cn.duban.system.engine;

import java.util.Map;

/**
 * How a process of duban's may be started from outside duban's own code (Tasklist's start form, {@code /engine-rest}
 * start or submit-form). Declared as a bean by the feature that owns the process; the {@link EngineCallGuard} asks it
 * after it has checked that the variables are the fields of the process's start form.
 */
public interface ProcessStartRule {

  String processKey();

  /**
   * Refuses a start that the process's own rules do not allow, with a Chinese message: a
   * {@link org.camunda.bpm.engine.BadUserRequestException} for wrong input (400), an
   * {@link org.camunda.bpm.engine.AuthorizationException} for a person who may not start it (403).
   */
  void checkExternalStart(EngineCaller caller, String businessKey, Map<String, Object> variables);
}
