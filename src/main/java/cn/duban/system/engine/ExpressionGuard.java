package cn.duban.system.engine;

import java.beans.FeatureDescriptor;
import java.util.Iterator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

/**
 * The first resolver of every expression ({@link GuardedExpressionManager}): each property read and method call on
 * an object comes here, is checked against {@link ExpressionPolicy}, and only then done, by the EL's own array,
 * list, map and bean resolvers (read-only). What is not allowed fails before anything runs, with a Chinese reason
 * (a {@link BadUserRequestException}: the REST API answers 400 to a Tasklist filter that tries it). Names without an
 * object (variables, {@code execution}, beans) are left to the resolvers after this one.
 */
final class ExpressionGuard extends ELResolver {

  private final ExpressionBeans beans;
  private final CompositeELResolver members = new CompositeELResolver();

  ExpressionGuard(ExpressionBeans beans) {
    this.beans = beans;
    members.add(new ArrayELResolver(true));
    members.add(new ListELResolver(true));
    members.add(new MapELResolver(true));
    members.add(new BeanELResolver(true));
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null) {
      return null;
    }
    if (!ExpressionPolicy.mayRead(base, property, beans.isBean(base))) {
      throw refused(base, property);
    }
    return checked(members.getValue(context, base, property), base, property);
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null) {
      return null;
    }
    if (!ExpressionPolicy.mayCall(base, String.valueOf(method), beans.isBean(base))) {
      throw refused(base, method);
    }
    return checked(members.invoke(context, base, method, paramTypes, params), base, method);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    if (base == null) {
      return null;
    }
    if (!ExpressionPolicy.mayRead(base, property, beans.isBean(base))) {
      throw refused(base, property);
    }
    return members.getType(context, base, property);
  }

  /** Expressions never write into an object (variables are written by the engine's own resolver). */
  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base != null) {
      throw refused(base, property);
    }
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    if (base != null) {
      context.setPropertyResolved(true);
      return true;
    }
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? null : Object.class;
  }

  private static Object checked(Object value, Object base, Object member) {
    if (ExpressionPolicy.isDangerous(value)) {
      throw refused(base, member);
    }
    return value;
  }

  private static BadUserRequestException refused(Object base, Object member) {
    return new BadUserRequestException("表达式不允许访问「" + base.getClass().getName() + "」的「" + member
        + "」：表达式只能使用流程变量、execution/task 的只读信息、文本数字日期等值和 duban 声明的 Bean"
        + "（见 docs/security.md「流程表达式」）");
  }
}
