package cn.duban.system.engine;

import static cn.duban.system.engine.DeploymentValidatorUnitTest.GOOD_TASK;
import static cn.duban.system.engine.DeploymentValidatorUnitTest.bpmn;
import static cn.duban.system.engine.DeploymentValidatorUnitTest.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.el.CommandContextFunctions;
import org.camunda.bpm.engine.impl.el.DateTimeFunctions;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The expression policy without an engine: what the deployment check refuses (with the place and the reason) and
 * what the run-time guard lets an expression reach.
 */
class ExpressionPolicyUnitTest {

  /** The reproduction of issue 12, point 3: an admin's service task that runs a command on the server. */
  static String evil(String command) {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('" + command
        + "').waitFor()}";
  }

  static final String EVIL = evil("touch /tmp/duban-pwned");

  static List<String> problems(String body) {
    return validator(false).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", GOOD_TASK + body));
  }

  // --- the deployment check ------------------------------------------------------------------------------------

  static Stream<Arguments> refusedExpressions() {
    String reflection = "用到了反射或 JVM、引擎内部（getClass、forName、getMethod、invoke、exec）";
    return Stream.of(
        Arguments.of("service task expression", "<serviceTask id=\"Task_2\" name=\"执行\" camunda:expression=\"" + EVIL
            + "\"/>", "服务任务「执行」（Task_2）的属性 camunda:expression 中的表达式「${''.getClass()", reflection),
        Arguments.of("execution listener", "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${knownDelegate}\">"
            + "<extensionElements><camunda:executionListener event=\"start\" expression=\"" + EVIL + "\"/>"
            + "</extensionElements></serviceTask>",
            "服务任务（Task_2）的 camunda:executionListener（start）的属性 expression 中的表达式", reflection),
        Arguments.of("task listener", "<userTask id=\"Task_3\" name=\"复核\" camunda:assignee=\"x\" camunda:dueDate=\"${dueAt}\">"
            + "<extensionElements><camunda:taskListener event=\"create\" expression=\""
            + "${task.getProcessEngineServices().getRuntimeService()}\"/></extensionElements></userTask>",
            "用户任务「复核」（Task_3）的 camunda:taskListener（create）的属性 expression",
            "用到了反射或 JVM、引擎内部（getProcessEngineServices）"),
        Arguments.of("condition", "<sequenceFlow id=\"Flow_1\" sourceRef=\"Task_1\" targetRef=\"Task_1\">"
            + "<conditionExpression>" + EVIL + "</conditionExpression></sequenceFlow>",
            "顺序流（Flow_1）的 conditionExpression 中的表达式", reflection),
        Arguments.of("timer", "<intermediateCatchEvent id=\"Timer_1\" name=\"等待\"><timerEventDefinition>"
            + "<timeDate>" + EVIL + "</timeDate></timerEventDefinition></intermediateCatchEvent>",
            "中间事件「等待」（Timer_1）的 timerEventDefinition/timeDate 中的表达式", reflection),
        Arguments.of("due date", "<userTask id=\"Task_3\" camunda:assignee=\"x\" camunda:dueDate=\""
            + "${dueAt.getClass().getClassLoader()}\"/>", "用户任务（Task_3）的属性 camunda:dueDate",
            "用到了反射或 JVM、引擎内部（getClass、getClassLoader）"),
        Arguments.of("input mapping", "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${knownDelegate}\">"
            + "<extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">" + EVIL
            + "</camunda:inputParameter></camunda:inputOutput></extensionElements></serviceTask>",
            "服务任务（Task_2）的 camunda:inputOutput/camunda:inputParameter「x」中的表达式", reflection),
        Arguments.of("JUEL static function", "<serviceTask id=\"Task_2\" camunda:expression=\"${fn:exec('touch /tmp/x')}\"/>",
            "服务任务（Task_2）的属性 camunda:expression", "调用了带前缀的函数「fn:exec」"),
        Arguments.of("a type named in a function", "<serviceTask id=\"Task_2\" camunda:expression=\""
            + "${fn:forName(java.lang.Runtime)}\"/>", "用到了反射或 JVM、引擎内部（Runtime）", ""),
        Arguments.of("SpEL-style type reference", "<serviceTask id=\"Task_2\" camunda:expression=\""
            + "${T(java.lang.String)}\"/>", "调用了未知函数「T」", "「java」不是 duban 声明的 Bean"),
        Arguments.of("property spelling of getClass", "<serviceTask id=\"Task_2\" camunda:expression=\"${title.class}\"/>",
            "「${title.class}」", "用到了反射或 JVM、引擎内部（class）"),
        Arguments.of("bracket spelling of getClass", "<serviceTask id=\"Task_2\" camunda:expression=\""
            + "${title['class'].forName('java.lang.System')}\"/>", "用到了反射或 JVM、引擎内部（class、forName）", ""),
        Arguments.of("a member named at run time", "<serviceTask id=\"Task_2\" camunda:expression=\"${title[name]}\"/>",
            "按运行时算出的名字访问成员", ""),
        Arguments.of("an internal bean", "<serviceTask id=\"Task_2\" camunda:expression=\"${taskService.complete(taskId)}\"/>",
            "「taskService」是系统内部的 Bean，不在表达式允许的 Bean 之列", "允许的 Bean：knownDelegate"),
        Arguments.of("an internal bean as delegate", "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${dataSource}\"/>",
            "「dataSource」是系统内部的 Bean", ""),
        Arguments.of("a method of a variable", "<serviceTask id=\"Task_2\" camunda:expression=\"${title.substring(1)}\"/>",
            "调用了「title.substring」：「title」不是 duban 声明的 Bean", ""),
        Arguments.of("a method of a literal", "<serviceTask id=\"Task_2\" camunda:expression=\"${'a'.concat('b')}\"/>",
            "调用了方法「concat」，其对象不是 duban 声明的 Bean", ""),
        Arguments.of("writing through execution", "<serviceTask id=\"Task_2\" camunda:expression=\""
            + "${execution.setVariable('leaderId', 'me')}\"/>", "execution 只能读取变量", "不能调用「setVariable」"),
        Arguments.of("a form field default", "<userTask id=\"Task_3\" camunda:assignee=\"x\" camunda:dueDate=\"${dueAt}\">"
            + "<extensionElements><camunda:formData><camunda:formField id=\"f\" type=\"string\" defaultValue=\"" + EVIL
            + "\"/></camunda:formData></extensionElements></userTask>",
            "camunda:formData/camunda:formField「f」的属性 defaultValue", reflection),
        Arguments.of("a multi-instance collection", "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${knownDelegate}\">"
            + "<multiInstanceLoopCharacteristics camunda:collection=\"${coUnits.getClass()}\"/></serviceTask>",
            "服务任务（Task_2）的 multiInstanceLoopCharacteristics 的属性 camunda:collection", "（getClass）"),
        Arguments.of("candidate groups", "<userTask id=\"Task_3\" camunda:candidateGroups=\"${taskService}\" "
            + "camunda:dueDate=\"${dueAt}\"/>", "用户任务（Task_3）的属性 camunda:candidateGroups", "「taskService」是系统内部的 Bean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedExpressions")
  void refusesAnExpressionThatReachesBeyondTheRulesNamingWhereAndWhy(String what, String body, String where,
                                                                     String reason) {
    assertThat(problems(body)).singleElement().asString()
        .startsWith("〔sample.bpmn〕流程「sample」的").contains(where).contains(reason).contains("不允许")
        .contains("docs/security.md");
  }

  @Test
  void anExpressionThatCannotBeParsedIsRefused() {
    assertThat(problems("<serviceTask id=\"Task_2\" camunda:expression=\"${a} #{b}\"/>")).singleElement().asString()
        .contains("无法解析");
  }

  @Test
  void aMessageNameIsAnExpressionToo() {
    String xml = new String(bpmn("camunda:historyTimeToLive=\"3650\"", GOOD_TASK).get("sample.bpmn"),
        java.nio.charset.StandardCharsets.UTF_8).replace("<process", "<message id=\"Message_1\" name=\"${''.class}\"/><process");
    assertThat(validator(false).problems(null, Map.of("m.bpmn", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .singleElement().asString()
        .startsWith("〔m.bpmn〕的消息「${''.class}」（Message_1）的属性 name 中的表达式「${''.class}」不允许");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${knownDelegate}", "#{knownDelegate}", "${knownDelegate.pick(execution)}", "${knownDelegate.ready}",
      "${handleAction == 'EXTEND' and not empty leaderId}", "${a > 1 ? b : c}", "第 ${round} 轮",
      "${execution.getVariable('unitId')}", "${execution.processBusinessKey}", "${execution.variables}",
      "${task.name}", "${task.getAssignee()}", "${currentUser()}", "${currentUserGroups()}", "${now()}",
      "${dateTime().plusDays(3).toDate()}", "${(dateTime().plusWeeks(1)).toDate()}", "${authenticatedUserId}"})
  void acceptsVariablesReadOnlyFactsFunctionsAndDeclaredBeans(String expression) {
    assertThat(problems("<serviceTask id=\"Task_2\" camunda:expression=\"" + expression + "\"/>")).isEmpty();
  }

  @Test
  void textTheEngineNeverEvaluatesIsNotChecked() {
    String body = "<serviceTask id=\"Task_2\" camunda:delegateExpression=\"${knownDelegate}\">"
        + "<documentation>示例：${''.getClass()}</documentation>"
        + "<extensionElements><camunda:field name=\"note\" stringValue=\"${x.getClass()}\"/>"
        + "<camunda:field name=\"text\"><camunda:string>${y.getClass()}</camunda:string></camunda:field>"
        + "</extensionElements></serviceTask>";
    assertThat(problems(body)).isEmpty();
  }

  @Test
  void aScriptIsLeftToTheScriptRule() {
    String body = "<scriptTask id=\"Script_1\" scriptFormat=\"groovy\"><script>println \"${name.size()}\"</script></scriptTask>";
    assertThat(validator(true).problems(null, bpmn("camunda:historyTimeToLive=\"3650\"", GOOD_TASK + body))).isEmpty();
    assertThat(problems(body)).singleElement().asString().contains("包含脚本");
  }

  // --- the run-time guard --------------------------------------------------------------------------------------

  /** A bean an expression may call. */
  public static class Greeter {
    public String hello(String name) {
      return "你好，" + name;
    }
  }

  static final Object INTERNAL = new Object();
  static GuardedExpressionManager manager;

  @BeforeAll
  static void engineLikeManager() throws NoSuchMethodException {
    var factory = new StaticListableBeanFactory(Map.of("greeter", new Greeter(), "dataSource", INTERNAL));
    manager = new GuardedExpressionManager(new ExpressionBeans(factory, () -> Set.of("greeter")));
    // as the engine registers them (ProcessEngineConfigurationImpl.initExpressionManager)
    manager.addFunction("dateTime", DateTimeFunctions.class.getMethod("dateTime"));
    manager.addFunction("now", DateTimeFunctions.class.getMethod("now"));
    manager.addFunction("currentUser", CommandContextFunctions.class.getMethod("currentUser"));
  }

  static Object evaluate(String expression) {
    var variables = Variables.createVariables().putValue("title", "标题").putValue("list", List.of("a", "b"))
        .putValue("map", Map.of("key", "value")).putValue("due", new Date(0));
    return manager.createValueExpression(expression).getValue(manager.createElContext(variables.asVariableContext()));
  }

  @Test
  void theReproductionRunsNothing(@TempDir Path dir) {
    Path marker = dir.resolve("pwned");
    assertThatThrownBy(() -> evaluate(evil("touch " + marker))).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("表达式不允许访问「java.lang.String」的「getClass」");
    assertThat(marker).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${title.class}", "${title['class']}", "${greeter.getClass()}", "${greeter.class}",
      "${list.getClass()}", "${map.getClass()}", "${title.valueOf(1)}", "${due.setTime(0)}",
      "${dateTime().zone.setDefault(null)}", "${dateTime().chronology.zone}", "${list.stream()}", "${list.clear()}",
      "${map.clear()}", "${title.describeConstable().get()}"})
  void refusesAnythingBeyondValuesAndDeclaredBeansAtRunTime(String expression) {
    assertThatThrownBy(() -> evaluate(expression)).isInstanceOf(BadUserRequestException.class)
        .hasMessageStartingWith("表达式不允许访问");
  }

  @Test
  void aBeanThatIsNotDeclaredCannotBeNamed() {
    assertThatThrownBy(() -> evaluate("${dataSource}")).isInstanceOf(PropertyNotFoundException.class);
    assertThat(evaluate("${greeter.hello(title)}")).isEqualTo("你好，标题");
  }

  @Test
  void valuesKeepTheirOwnMethods() {
    assertThat(evaluate("${title.length()}")).isEqualTo(2);
    assertThat(evaluate("${title['empty']}")).isEqualTo(false);
    assertThat(evaluate("${list[1]}")).isEqualTo("b");
    assertThat(evaluate("${list.size()}")).isEqualTo(2);
    assertThat(evaluate("${map.key}")).isEqualTo("value");
    assertThat(evaluate("${due.time}")).isEqualTo(0L);
    assertThat(evaluate("${dateTime().plusDays(3).toDate()}")).isInstanceOf(Date.class);
    assertThat(evaluate("${now().before(due)}")).isEqualTo(false);
  }
}
