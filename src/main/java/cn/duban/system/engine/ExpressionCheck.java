package cn.duban.system.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The deployment check of one expression ({@code ${…}} or {@code #{…}}, with text around it), on the engine's own
 * parse tree: it may read variables, compare and compute, call {@code currentUser()}, {@code currentUserGroups()},
 * {@code now()} and {@code dateTime()} (and date arithmetic on the last two), ask {@code execution} or {@code task}
 * a read-only fact, and call the declared beans ({@link ExpressionPolicy}). Anything else is refused with its
 * reasons in Chinese: reflection, a function with a prefix, a member of a variable or of another object, a bean
 * that is not declared, a member name computed at run time.
 */
final class ExpressionCheck {

  /** The engine's parser, with the features of its ExpressionFactoryImpl (method calls, varargs). */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final Set<String> beans;
  private final Predicate<String> beanExists;

  /**
   * @param beans      the declared beans (all process contracts)
   * @param beanExists whether a name is a bean of the application, declared or not
   */
  ExpressionCheck(Set<String> beans, Predicate<String> beanExists) {
    this.beans = Set.copyOf(beans);
    this.beanExists = beanExists;
  }

  static boolean holdsExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  /** Why this expression may not be deployed; empty when it may. */
  List<String> reasons(String text) {
    Node root;
    try {
      root = PARSER.build(text).getRoot();
    } catch (TreeBuilderException e) {
      return List.of("无法解析（第 " + (e.getPosition() + 1) + " 个字符处遇到 " + e.getEncountered() + "，应为 "
          + e.getExpected() + "）");
    }
    Set<String> forbidden = new LinkedHashSet<>();
    Set<String> reasons = new LinkedHashSet<>();
    visit(root, forbidden, reasons);
    if (!forbidden.isEmpty()) {
      // the one reason that matters: whatever else the expression does follows from it
      List<String> names = new ArrayList<>(forbidden);
      names.sort(Comparator.comparingInt(text::indexOf));
      return List.of("用到了反射或 JVM、引擎内部（" + String.join("、", names) + "），表达式不能取得 Java 类、类加载器、"
          + "Runtime、ProcessBuilder 或引擎本身");
    }
    return List.copyOf(reasons);
  }

  private void visit(Node node, Set<String> forbidden, Set<String> reasons) {
    if (node instanceof AstMethod) {
      AstProperty property = (AstProperty) node.getChild(0);
      member(property, true, forbidden, reasons);
      visit(node.getChild(1), forbidden, reasons);
      return;
    }
    if (node instanceof AstProperty property) {
      member(property, false, forbidden, reasons);
      return;
    }
    if (node instanceof AstFunction function && !ExpressionPolicy.FUNCTIONS.contains(function.getName())) {
      reasons.add(function.getName().contains(":")
          ? "调用了带前缀的函数「" + function.getName() + "」（JUEL 静态函数），本系统不提供"
          : "调用了未知函数「" + function.getName() + "」，只能用 currentUser()、currentUserGroups()、now()、dateTime()");
    }
    if (node instanceof AstIdentifier identifier) {
      identifier(identifier.getName(), reasons);
    }
    for (int i = 0; i < node.getCardinality(); i++) {
      visit(node.getChild(i), forbidden, reasons);
    }
  }

  /** {@code prefix.name} or {@code prefix.name(…)}: what the prefix is decides whether the member may be used. */
  private void member(AstProperty property, boolean call, Set<String> forbidden, Set<String> reasons) {
    Node prefix = property.getChild(0);
    String name = memberName(property);
    if (property instanceof AstBracket) {
      visit(property.getChild(1), forbidden, reasons);
    }
    if (!(prefix instanceof AstIdentifier)) {
      visit(prefix, forbidden, reasons);
    }
    if (name == null) {
      reasons.add("按运行时算出的名字访问成员（" + property + "），请直接写出属性或方法名");
    } else if (ExpressionPolicy.isForbidden(name)) {
      forbidden.add(name);
    } else if (prefix instanceof AstIdentifier object) {
      objectMember(object.getName(), name, call, reasons);
    } else if (!isDateValue(prefix)) {
      reasons.add((call ? "调用了方法「" : "读取了属性「") + name + "」，其对象不是 duban 声明的 Bean：" + beanRule());
    }
  }

  private void objectMember(String object, String name, boolean call, Set<String> reasons) {
    if (beans.contains(object)) {
      return;
    }
    if (ExpressionPolicy.SCOPES.contains(object)) {
      if (!ExpressionPolicy.isScopeMember(name, call)) {
        reasons.add(object + " 只能读取变量、编号、业务键、当前活动、事件、任务名称、办理人和期限等只读信息，不能"
            + (call ? "调用「" : "读取「") + name + "」");
      }
    } else if (beanExists.test(object)) {
      reasons.add(internalBean(object));
    } else {
      reasons.add((call ? "调用了「" : "读取了「") + object + "." + name + "」：「" + object
          + "」不是 duban 声明的 Bean，表达式不能调用变量或其他对象的方法、读取其属性；" + beanRule());
    }
  }

  /** A name on its own: a variable, execution or task, or a declared bean; never another bean of the application. */
  private void identifier(String name, Set<String> reasons) {
    if (!beans.contains(name) && !ExpressionPolicy.SCOPES.contains(name) && beanExists.test(name)) {
      reasons.add(internalBean(name));
    }
  }

  private String internalBean(String name) {
    return "「" + name + "」是系统内部的 Bean，不在表达式允许的 Bean 之列；" + beanRule();
  }

  private String beanRule() {
    return "允许的 Bean：" + String.join("、", new java.util.TreeSet<>(beans));
  }

  /** A date from now() or dateTime(), or date arithmetic on one: {@code dateTime().plusDays(3).toDate()}. */
  private static boolean isDateValue(Node node) {
    while (true) {
      if (node instanceof AstMethod) {
        node = node.getChild(0).getChild(0);
      } else if (node instanceof AstProperty || node instanceof AstNested) {
        node = node.getChild(0);
      } else {
        return node instanceof AstFunction function && ExpressionPolicy.DATE_FUNCTIONS.contains(function.getName());
      }
    }
  }

  /**
   * The member's name when the expression spells it: {@code a.b}, {@code a['b']}, {@code a[0]}; null when it is
   * computed ({@code a[b]}). AstDot keeps its name in a protected field and prints itself as ". name".
   */
  private static String memberName(AstProperty property) {
    if (property instanceof AstDot) {
      return property.toString().substring(2);
    }
    Node index = property.getChild(1);
    if (index instanceof AstString || index instanceof AstNumber) {
      return String.valueOf(((org.camunda.bpm.impl.juel.AstNode) index).eval(null, null));
    }
    return null;
  }
}
