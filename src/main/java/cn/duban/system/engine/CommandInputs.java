package cn.duban.system.engine;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * What an engine command carries (the task it works on, the variables it will write …). The engine keeps these in
 * protected fields without getters, so they are read by reflection, once per field; {@code CommandInputsUnitTest}
 * fails if a Camunda upgrade renames one, rather than letting the guard miss it.
 */
final class CommandInputs {

  static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
  static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
  static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
  static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
  static final Field START_FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
  static final Field START_FORM_BUSINESS_KEY = field(SubmitStartFormCmd.class, "businessKey");
  static final Field START_FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");
  static final Field SAVE_TASK = field(SaveTaskCmd.class, "task");
  static final Field PROPERTY_TASK_ID = field(AbstractSetTaskPropertyCmd.class, "taskId");
  static final Field CLAIM_TASK_ID = field(ClaimTaskCmd.class, "taskId");
  static final Field CLAIM_USER_ID = field(ClaimTaskCmd.class, "userId");
  static final Field DELEGATE_TASK_ID = field(DelegateTaskCmd.class, "taskId");
  static final Field SAVE_USER = field(SaveUserCmd.class, "user");
  static final Field IDENTITY_LINK_USER_ID = field(AbstractAddIdentityLinkCmd.class, "userId");

  private CommandInputs() {
  }

  /** A task completion: {@code complete}, {@code resolve} (a subclass) and {@code submit-form}. */
  record Completion(String taskId, Map<String, ?> variables) {
  }

  /** A process start: {@code start} and {@code submit-form} of a process definition. */
  record Start(String processDefinitionId, String processDefinitionKey, String businessKey, Map<String, ?> variables) {
  }

  static Completion completion(Object command) {
    if (command instanceof CompleteTaskCmd) {
      return new Completion((String) read(COMPLETE_TASK_ID, command), variables(read(COMPLETE_VARIABLES, command)));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new Completion((String) read(SUBMIT_TASK_ID, command), variables(read(SUBMIT_VARIABLES, command)));
    }
    return null;
  }

  static Start start(Object command) {
    if (command instanceof StartProcessInstanceCmd) {
      var builder = (ProcessInstantiationBuilderImpl) read(START_BUILDER, command);
      return new Start(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(), builder.getBusinessKey(),
          variables(builder.getVariables()));
    }
    if (command instanceof SubmitStartFormCmd) {
      return new Start((String) read(START_FORM_DEFINITION, command), null,
          (String) read(START_FORM_BUSINESS_KEY, command), variables(read(START_FORM_VARIABLES, command)));
    }
    return null;
  }

  /** The task a command changes: saving it, one of its properties, its assignee or candidates, claiming it. */
  static String taskId(Object command) {
    if (command instanceof SaveTaskCmd) {
      TaskEntity task = (TaskEntity) read(SAVE_TASK, command);
      return task == null ? null : task.getId();
    }
    if (command instanceof AbstractSetTaskPropertyCmd) {
      return (String) read(PROPERTY_TASK_ID, command);
    }
    if (command instanceof ClaimTaskCmd) {
      return (String) read(CLAIM_TASK_ID, command);
    }
    if (command instanceof DelegateTaskCmd) {
      return (String) read(DELEGATE_TASK_ID, command);
    }
    return null;
  }

  static String claimUserId(ClaimTaskCmd command) {
    return (String) read(CLAIM_USER_ID, command);
  }

  /** The new assignee of a set-assignee command; null to take the task away from its assignee ("unclaim"). */
  static String assignedUserId(AssignTaskCmd command) {
    return (String) read(IDENTITY_LINK_USER_ID, command);
  }

  static User savedUser(SaveUserCmd command) {
    return (User) read(SAVE_USER, command);
  }

  /**
   * The submitted variables as typed values, by name. A {@link VariableMap} gives its values deserialised when they
   * are iterated (and fails for a JSON value that is not yet): its typed values are read one by one instead.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, ?> variables(Object value) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    if (value instanceof VariableMap map) {
      map.keySet().forEach(name -> typed.put(name, map.getValueTyped(name)));
    } else {
      typed.putAll((Map<String, Object>) value);
    }
    return typed;
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field '" + name
          + "': the engine call guard must be adapted to this Camunda version", e);
    }
  }

  private static Object read(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
