package cn.duban.system.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cmd.GetStartFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Adds the lists of choices ({@link FormOptions}) to what a form opens with (the engine's form variables of a task
 * or a start form, which Tasklist hands to form-js), so selects pick units, people, leaders and lists by name.
 * They arrive as JSON values (Tasklist parses them for a select's {@code valuesKey}) and are never submitted back:
 * form-js submits only its fields, and the engine call guard accepts nothing else.
 */
class FormOptionsInterceptor extends CommandInterceptor {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<List<FormOptions>> sources;

  FormOptionsInterceptor(Supplier<List<FormOptions>> sources) {
    this.sources = sources;
  }

  @Override
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (Context.getCommandContext() == null && result instanceof VariableMap variables
        && (command instanceof GetTaskFormVariablesCmd || command instanceof GetStartFormVariablesCmd)) {
      for (FormOptions source : sources.get()) {
        if (!variables.containsKey(source.key())) {
          variables.putValueTyped(source.key(), json(source.options()));
        }
      }
    }
    return result;
  }

  private static org.camunda.bpm.engine.variable.value.ObjectValue json(List<FormOptions.Option> options) {
    List<Map<String, Object>> values = options.stream().map(o -> {
      Map<String, Object> option = new LinkedHashMap<>();
      option.put("label", o.label());
      option.put("value", o.value());
      option.put("units", o.units());
      return option;
    }).toList();
    try {
      // already serialised: no data format is needed to read it, and Tasklist receives exactly this JSON
      return Variables.serializedObjectValue(JSON.writeValueAsString(values))
          .serializationDataFormat(Variables.SerializationDataFormats.JSON).objectTypeName("java.util.ArrayList")
          .create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
