package cn.duban.system.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContext;
import org.camunda.bpm.engine.impl.oplog.UserOperationLogContextEntryBuilder;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nothing erases history: the engine commands that delete history (historic instances, tasks, variables, decisions,
 * batches, the user operation log, comments and attachments, a deployment or definition "with cascade"), move its
 * removal time or lower a definition's time to live below the retention period are refused for everyone, with
 * 403 over REST and in Cockpit, unless the caller is an admin holding an open break-glass grant ({@link BreakGlass}).
 * Every attempt is kept in {@code duban.history_erasure}; an allowed one also as a user operation log entry
 * ({@code BreakGlass}), both in the erasure's own transaction. Runs inside the command context (a post interceptor).
 */
class HistoryErasureGuard extends CommandInterceptor {

  static final String OPERATION_TYPE = "BreakGlass";

  private static final Logger log = LoggerFactory.getLogger(HistoryErasureGuard.class);

  /** Commands that always erase history, by class name (several are internal classes of the engine). */
  private static final Set<String> ERASING = Set.of(
      "DeleteHistoricProcessInstancesCmd", "DeleteHistoricProcessInstancesBatchCmd", "DeleteHistoricTaskInstanceCmd",
      "DeleteHistoricVariableInstanceCmd", "DeleteHistoricVariableInstancesByProcessInstanceIdCmd",
      "DeleteUserOperationLogEntryCmd", "DeleteHistoricCaseInstanceCmd", "DeleteHistoricCaseInstancesBulkCmd",
      "DeleteHistoricDecisionInstancesBulkCmd", "DeleteHistoricDecisionInstancesBatchCmd",
      "DeleteHistoricDecisionInstanceByInstanceIdCmd", "DeleteHistoricDecisionInstanceByDefinitionIdCmd",
      "DeleteHistoricBatchCmd", "DeleteTaskCommentCmd", "DeleteProcessInstanceCommentCmd", "DeleteAttachmentCmd",
      "SetRemovalTimeToHistoricProcessInstancesCmd", "SetRemovalTimeToHistoricDecisionInstancesCmd",
      "SetRemovalTimeToHistoricBatchesCmd");

  /** Commands that erase history only with a flag set: deleting with cascade. */
  private static final Map<String, String> ERASING_WITH_FLAG = Map.of(
      "DeleteDeploymentCmd", "cascade",
      "DeleteProcessDefinitionsByIdsCmd", "cascadeToHistory",
      "DeleteProcessDefinitionsByKeyCmd", "cascade",
      "DeleteTaskCmd", "cascade");

  /** Commands that shorten how long history is kept. */
  private static final Set<String> TIME_TO_LIVE = Set.of("UpdateProcessDefinitionHistoryTimeToLiveCmd",
      "UpdateDecisionDefinitionHistoryTimeToLiveCmd", "UpdateCaseDefinitionHistoryTimeToLiveCmd");

  private static final Object MISSING = new Object();

  private final ObjectProvider<BreakGlass> breakGlass;
  private final ObjectProvider<PlatformTransactionManager> transactions;
  private final int retentionDays;

  HistoryErasureGuard(ObjectProvider<BreakGlass> breakGlass, ObjectProvider<PlatformTransactionManager> transactions,
                      int retentionDays) {
    this.breakGlass = breakGlass;
    this.transactions = transactions;
    this.retentionDays = retentionDays;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (!erasesHistory(command)) {
      return next.execute(command);
    }
    CommandContext context = Context.getCommandContext();
    String userId = context == null ? null : context.getAuthenticatedUserId();
    boolean admin = context != null && context.getAuthenticatedGroupIds() != null
        && context.getAuthenticatedGroupIds().contains(Roles.ADMIN);
    String name = command.getClass().getSimpleName();
    String target = describe(command);
    Optional<Long> grant = admin ? breakGlass.getObject().activeGrant(userId) : Optional.empty();
    if (grant.isEmpty()) {
      refuse(userId, name, target);
    }
    T result = next.execute(command);
    breakGlass.getObject().record(userId, name, target, true, grant.get());
    logOperation(context, name, target, grant.get());
    log.warn("Break-glass: {} erased history with {} ({}) under grant {}", userId, name, target, grant.get());
    return result;
  }

  private void refuse(String userId, String name, String target) {
    // kept in a transaction of its own: the refusal rolls the command's transaction back
    new TransactionTemplate(transactions.getObject(), txRequiresNew())
        .executeWithoutResult(status -> breakGlass.getObject().record(userId, name, target, false, null));
    log.warn("Refused to erase history: {} tried {} ({})", userId, name, target);
    throw new AuthorizationException("历史记录不可删除或缩短保存期限（" + name + "）：督办系统的历史须完整保存"
        + retentionDays + " 天。确有法定理由时，须按《审计》文档（docs/audit.md）「紧急授权」程序由管理员在限时授权内操作。本次尝试已记录。");
  }

  private static TransactionDefinition txRequiresNew() {
    var definition = new org.springframework.transaction.support.DefaultTransactionDefinition();
    definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return definition;
  }

  private static void logOperation(CommandContext context, String name, String target, long grantId) {
    UserOperationLogContext operation = new UserOperationLogContext();
    operation.addEntry(UserOperationLogContextEntryBuilder.entry(OPERATION_TYPE, "History")
        .category(UserOperationLogEntry.CATEGORY_ADMIN)
        .propertyChanges(List.of(new PropertyChange("command", null, name),
            new PropertyChange("target", null, abbreviate(target, 3000)),
            new PropertyChange("grant", null, String.valueOf(grantId))))
        .create());
    context.getOperationLogManager().logUserOperations(operation);
  }

  boolean erasesHistory(Command<?> command) {
    String name = command.getClass().getSimpleName();
    if (ERASING.contains(name)) {
      return true;
    }
    String flag = ERASING_WITH_FLAG.get(name);
    if (flag != null) {
      Object value = field(command, flag);
      return value == MISSING || Boolean.TRUE.equals(value);
    }
    if (TIME_TO_LIVE.contains(name)) {
      Object ttl = field(command, "historyTimeToLive");
      return ttl == MISSING || ttl instanceof Integer days && days < retentionDays;
    }
    return false;
  }

  /** The command's ids and flags, for the record. */
  static String describe(Command<?> command) {
    List<String> parts = new ArrayList<>();
    for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(command, field);
        if (value instanceof String || value instanceof Boolean || value instanceof Number
            || value instanceof Collection<?> || value instanceof java.util.Date) {
          parts.add(field.getName() + "=" + value);
        }
      }
    }
    return abbreviate(String.join(", ", parts), 4000);
  }

  private static Object field(Object target, String name) {
    for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        return read(target, type.getDeclaredField(name));
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    // an engine upgrade renamed the field: better refuse than let history go
    return MISSING;
  }

  private static Object read(Object target, Field field) {
    try {
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
