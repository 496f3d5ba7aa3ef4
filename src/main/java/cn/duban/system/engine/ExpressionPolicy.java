package cn.duban.system.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * What an expression may reach, in a deployed process or in a Tasklist filter (which anyone may write): process
 * variables; a few read-only facts of the current execution or task; the engine's functions {@code currentUser()},
 * {@code currentUserGroups()}, {@code now()}, {@code dateTime()}; plain values (text, numbers, dates, lists, maps);
 * and the beans duban's processes declare in their {@link ProcessContract}. Nothing else: no {@code Class}, class
 * loader, reflection, {@code Runtime}, {@code ProcessBuilder}, thread, engine service or configuration. Deny by
 * default: a member of an object is reachable only if a rule here says so.
 * <p>
 * One source for both checks: {@link ExpressionCheck} refuses a deployment whose expressions break these rules
 * (before the engine parses it), {@link ExpressionGuard} stops an expression that gets evaluated anyway.
 */
final class ExpressionPolicy {

  /** The functions the engine gives expressions (CommandContextFunctions, DateTimeFunctions); nothing with a prefix. */
  static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");

  /** Of those, the ones returning a date, on which date arithmetic may follow: {@code ${dateTime().plusDays(3).toDate()}}. */
  static final Set<String> DATE_FUNCTIONS = Set.of("now", "dateTime");

  /** The names under which the engine gives an expression the current execution or task (VariableScopeElResolver). */
  static final Set<String> SCOPES = Set.of("execution", "task");

  /**
   * What an expression may ask the execution or task: its variables, and which process, item, step, person and date
   * it is; nothing that changes it or leads on to the engine ({@code getProcessEngineServices()}).
   */
  static final Set<String> SCOPE_METHODS = Set.of(
      "getVariable", "getVariableLocal", "getVariables", "getVariablesLocal", "getVariableNames",
      "getVariableNamesLocal", "hasVariable", "hasVariableLocal", "hasVariables", "hasVariablesLocal",
      "getId", "getProcessInstanceId", "getProcessBusinessKey", "getBusinessKey", "getProcessDefinitionId",
      "getActivityInstanceId", "getCurrentActivityId", "getCurrentActivityName", "getEventName",
      "getName", "getDescription", "getAssignee", "getOwner", "getDueDate", "getFollowUpDate", "getPriority",
      "getTaskDefinitionKey", "getExecutionId", "getCreateTime");

  /** Read-only methods of lists, sets and maps (a variable holding a list, {@code execution.variables}). */
  static final Set<String> COLLECTION_METHODS = Set.of("size", "isEmpty", "contains", "containsAll", "containsKey",
      "containsValue", "get", "getOrDefault", "indexOf", "lastIndexOf", "keySet", "values", "toString", "equals",
      "hashCode");

  /**
   * Members refused on anything, in either spelling (method or property): reflection, class loading, running
   * processes, the engine and the application context. Most of them could not be reached anyway (no rule allows a
   * {@code Class} or a {@code Runtime}); refusing the names also gives the admin the plain reason.
   */
  private static final Set<String> FORBIDDEN = Stream.of("class", "getClass", "forName", "classLoader",
      "getClassLoader", "contextClassLoader", "getContextClassLoader", "getSystemClassLoader", "loadClass",
      "declaringClass", "getDeclaringClass", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods",
      "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "getField",
      "getFields", "getDeclaredField", "getDeclaredFields", "newInstance", "invoke", "invokeExact", "setAccessible",
      "module", "getModule", "runtime", "getRuntime", "exec", "exit", "halt", "load", "loadLibrary", "getenv",
      "processEngine", "getProcessEngine", "processEngineServices", "getProcessEngineServices",
      "processEngineConfiguration", "getProcessEngineConfiguration", "dataSource", "getDataSource",
      "applicationContext", "getApplicationContext", "beanFactory", "getBeanFactory", "getBean", "wait", "notify",
      "notifyAll").map(ExpressionPolicy::lower).collect(Collectors.toUnmodifiableSet());

  /** Objects an expression must never hold, whatever rule led to them. */
  private static final List<Class<?>> DANGEROUS = List.of(Class.class, ClassLoader.class, Module.class,
      Runtime.class, Process.class, ProcessBuilder.class, Thread.class, ProcessEngineServices.class,
      ProcessEngineConfiguration.class, DataSource.class, BeanFactory.class);

  /** Camunda's {@code dateTime()} returns a Joda DateTime; these are its plain date values. */
  private static final Set<String> JODA_VALUES = Set.of("org.joda.time.DateTime", "org.joda.time.LocalDate",
      "org.joda.time.LocalDateTime", "org.joda.time.LocalTime");

  private ExpressionPolicy() {
  }

  static boolean isForbidden(String member) {
    return FORBIDDEN.contains(lower(member));
  }

  /** The getters a property read calls: {@code task.name} is {@code getName()}. */
  static List<String> getters(String property) {
    if (property.isEmpty()) {
      return List.of();
    }
    String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    return List.of("get" + capitalised, "is" + capitalised);
  }

  /** A fact of the execution or task an expression may ask for, as a call or as a property. */
  static boolean isScopeMember(String member, boolean call) {
    return call ? SCOPE_METHODS.contains(member) : getters(member).stream().anyMatch(SCOPE_METHODS::contains);
  }

  /**
   * May an expression call {@code method} on {@code base}? {@code bean}: {@code base} is one of the declared beans,
   * whose public methods (not those of Object or of a Spring proxy) are what duban offers expressions.
   */
  static boolean mayCall(Object base, String method, boolean bean) {
    if (base == null || isForbidden(method)) {
      return false;
    }
    if (bean) {
      return onlyInstanceMethods(ClassUtils.getUserClass(base), method, true);
    }
    if (base instanceof VariableScope) {
      return SCOPE_METHODS.contains(method);
    }
    if (base instanceof Collection<?> || base instanceof Map<?, ?>) {
      return COLLECTION_METHODS.contains(method);
    }
    return isPlainValue(base.getClass()) && !method.startsWith("set")
        && onlyInstanceMethods(base.getClass(), method, false);
  }

  /** May an expression read {@code property} of {@code base} ({@code base.property} or {@code base['property']})? */
  static boolean mayRead(Object base, Object property, boolean bean) {
    if (base instanceof Map<?, ?>) {
      return true; // an entry of the map, never a getter
    }
    if ((base instanceof List<?> || base.getClass().isArray()) && isIndex(property)) {
      return true;
    }
    String name = String.valueOf(property);
    return !isForbidden(name) && getters(name).stream().anyMatch(getter -> mayCall(base, getter, bean));
  }

  /** A value no expression may obtain: a class, a class loader, reflection, a process, the engine, the database. */
  static boolean isDangerous(Object value) {
    return value != null && isDangerousType(value.getClass());
  }

  private static boolean isDangerousType(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.equals("java.lang.reflect") || pkg.equals("java.lang.invoke")
        || DANGEROUS.stream().anyMatch(d -> d.isAssignableFrom(type));
  }

  /** Text, numbers, booleans, dates: values whose own methods lead nowhere but to other values. */
  static boolean isPlainValue(Class<?> type) {
    String pkg = type.getPackageName();
    return type == String.class || type == Boolean.class || type == Character.class
        || Number.class.isAssignableFrom(type) && (pkg.equals("java.lang") || pkg.equals("java.math"))
        || Date.class.isAssignableFrom(type) && (pkg.equals("java.util") || pkg.equals("java.sql"))
        || pkg.equals("java.time") || JODA_VALUES.contains(type.getName());
  }

  /**
   * {@code type} has public methods named {@code name}, none of them static (the EL would call a static method
   * too: {@code DateTimeZone.setDefault}), none returning something dangerous; for a bean, none inherited from Object
   * or added by a Spring proxy.
   */
  private static boolean onlyInstanceMethods(Class<?> type, String name, boolean bean) {
    boolean found = false;
    for (Method method : type.getMethods()) {
      if (!method.getName().equals(name)) {
        continue;
      }
      Class<?> declaring = method.getDeclaringClass();
      if (Modifier.isStatic(method.getModifiers()) || isDangerousType(method.getReturnType())
          || bean && (declaring == Object.class || declaring.getName().startsWith("org.springframework."))) {
        return false;
      }
      found = true;
    }
    return found;
  }

  private static boolean isIndex(Object property) {
    return property instanceof Number || property instanceof String text && !text.isEmpty()
        && text.chars().allMatch(Character::isDigit);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
