package cn.duban.system.engine;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.springframework.beans.factory.BeanFactory;

/**
 * Resolves the names of the beans duban's processes declare ({@link ProcessContract#beans()}) to those Spring beans,
 * and no other name: the engine's services, the DataSource or the application context cannot be named in an
 * expression at all (the Spring starter's resolver offers every bean). The declared names are asked for at each
 * lookup of a name that is not a variable: the features declaring them may be created after the engine.
 */
final class ExpressionBeans extends ELResolver {

  private final BeanFactory factory;
  private final Supplier<Set<String>> names;
  private final Map<String, Object> resolved = new ConcurrentHashMap<>();

  ExpressionBeans(BeanFactory factory, Supplier<Set<String>> names) {
    this.factory = factory;
    this.names = names;
  }

  /** Is this object one of the declared beans (resolved by name before, the only way an expression gets one)? */
  boolean isBean(Object object) {
    return resolved.values().stream().anyMatch(bean -> bean == object);
  }

  private boolean declared(Object base, Object property) {
    return base == null && property instanceof String name && names.get().contains(name) && factory.containsBean(name);
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (!declared(base, property)) {
      return null;
    }
    context.setPropertyResolved(true);
    return resolved.computeIfAbsent((String) property, factory::getBean);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (declared(base, property)) {
      throw new PropertyNotWritableException("Cannot set bean " + property);
    }
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    if (declared(base, property)) {
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
    return base == null ? Object.class : null;
  }
}
