package cn.duban.system.engine;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps an exception thrown by a task listener in a technical message ("ENGINE-03051 There was an
 * exception while invoking the TaskListener ..."). When the cause is a {@link BadUserRequestException} (a form
 * that breaks a business rule), this hands the person the rule's Chinese message instead: Tasklist shows it
 * under the form and the REST API answers 400. The same for an {@link AuthorizationException} (a person who may not
 * decide this task, {@code ItemDeciders}): 403. The transaction has already been rolled back.
 */
class UserErrorUnwrappingInterceptor extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof BadUserRequestException userError) {
          throw userError;
        }
        if (cause instanceof AuthorizationException refused) {
          throw refused;
        }
      }
      throw e;
    }
  }
}
