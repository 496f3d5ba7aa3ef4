package cn.duban.system.engine;

import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * The engine's expression manager with duban's resolvers: {@link ExpressionGuard} first (every member of every
 * object), then the engine's own for variables and {@code execution}/{@code task}, then the declared beans
 * ({@link ExpressionBeans}). It replaces the Spring starter's SpringExpressionManager, which offers every bean of the
 * application context and lets an expression call any method of any object ({@code ''.getClass().forName(…)}).
 * Used for every expression the engine evaluates: BPMN, Tasklist filters, DMN.
 */
class GuardedExpressionManager extends JuelExpressionManager {

  private final ExpressionBeans beans;

  GuardedExpressionManager(ExpressionBeans beans) {
    this.beans = beans;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new ExpressionGuard(beans));
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    resolver.add(beans);
    return resolver;
  }
}
