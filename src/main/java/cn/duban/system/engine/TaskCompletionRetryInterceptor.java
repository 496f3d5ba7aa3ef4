package cn.duban.system.engine;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person completing a task can lose a race against a job of the same item: the leader approves an extension
 * (延期) at the moment the item's 催办 timer fires. Both change the item's escalation branch; the one that commits
 * second fails with an {@link OptimisticLockingException} and is rolled back entirely. The job executor retries its
 * jobs by itself (a 催办 job whose branch the extension cancelled is gone and never runs); a person would instead
 * see a technical error. This retries completing a task or submitting a task form, each attempt in a fresh
 * transaction, so the second attempt sees what the job committed and the approval goes through: one of the two
 * orders wins, consistently, and the item never keeps timers for both deadlines.
 * <p>
 * Only top-level commands outside any caller's transaction are retried: inside a caller's transaction the work
 * already done could not be repeated afresh.
 */
class TaskCompletionRetryInterceptor extends CommandInterceptor {

  static final int ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(TaskCompletionRetryInterceptor.class);

  @Override
  public <T> T execute(Command<T> command) {
    if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)
        || Context.getCommandContext() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
      return next.execute(command);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return next.execute(command);
      } catch (OptimisticLockingException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        log.info("Completing a task lost a race against a concurrent change of the same process instance "
            + "(attempt {} of {}); trying again: {}", attempt, ATTEMPTS, e.getMessage());
      }
    }
  }
}
