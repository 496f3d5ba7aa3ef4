package cn.duban.organisation;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.duban.system.security.Roles;

/**
 * The engine's authorizations for duban's roles, granted on every start (idempotent).
 * <ul>
 *   <li>everyone: Tasklist, and reading the item process model (diagram, forms). A cadre's access to tasks
 *       comes from the engine itself: it grants candidates and assignees their task (and its history) only;</li>
 *   <li>督查室: reads every item and its history, starts items, routes tasks (due dates, candidates, assignees);</li>
 *   <li>局领导: reads every item and its history;</li>
 *   <li>审计: reads everything, writes nothing;</li>
 *   <li>管理员 ({@code camunda-admin}): everything (the engine's admin group).</li>
 * </ul>
 */
@Component
@Order(1)
class EngineAuthorizationSetup implements ApplicationRunner {

  static final String ITEM_PROCESS = "duban-item";
  static final String LIST_PROCESS = "duban-list";

  private final AuthorizationService authorizations;

  EngineAuthorizationSetup(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  @Override
  public void run(ApplicationArguments args) {
    // the engine's admin group needs explicit grants for queries to show it everything (as Camunda's own set-up does)
    for (Resources resource : Resources.values()) {
      grant(Roles.ADMIN, resource, ANY, Permissions.ALL);
    }
    global(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    global(Resources.PROCESS_DEFINITION, ITEM_PROCESS, ProcessDefinitionPermissions.READ);

    for (String role : new String[] {Roles.OFFICE, Roles.LEADERS, Roles.AUDITORS}) {
      grant(role, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(role, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK);
      grant(role, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
      grant(role, Resources.TASK, ANY, TaskPermissions.READ);
      grant(role, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
      grant(role, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
      grant(role, Resources.DEPLOYMENT, ANY, Permissions.READ);
      grant(role, Resources.USER, ANY, Permissions.READ);
      grant(role, Resources.GROUP, ANY, Permissions.READ);
    }
    grant(Roles.OFFICE, Resources.PROCESS_DEFINITION, ITEM_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Roles.OFFICE, Resources.PROCESS_DEFINITION, LIST_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Roles.OFFICE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // the office routes items: a task's due date, candidates and assignee (who may complete a task is still
    // decided by duban's rules when it is completed, and variables stay an administrator's)
    grant(Roles.OFFICE, Resources.TASK, ANY, TaskPermissions.UPDATE, TaskPermissions.TASK_ASSIGN);

    // auditors: everything readable, nothing writable
    grant(Roles.AUDITORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grant(Roles.AUDITORS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(Roles.AUDITORS, Resources.BATCH, ANY, BatchPermissions.READ, BatchPermissions.READ_HISTORY);
    grant(Roles.AUDITORS, Resources.OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ);
    grant(Roles.AUDITORS, Resources.FILTER, ANY, Permissions.READ);
    grant(Roles.AUDITORS, Resources.AUTHORIZATION, ANY, Permissions.READ);
    grant(Roles.AUDITORS, Resources.TENANT, ANY, Permissions.READ);
  }

  private void global(Resource resource, String resourceId, Permission permission) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GLOBAL).resourceType(resource).resourceId(resourceId).list()
        .stream().findFirst().orElseGet(() -> {
          Authorization created = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
          created.setUserId(ANY);
          created.setResource(resource);
          created.setResourceId(resourceId);
          return created;
        });
    if (!authorization.isPermissionGranted(permission)) {
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }

  /** Grants a group permissions on a resource, adding to an existing grant rather than duplicating it. */
  static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
                    Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list()
        .stream().findFirst().orElseGet(() -> {
          Authorization created = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
          created.setGroupId(groupId);
          created.setResource(resource);
          created.setResourceId(resourceId);
          return created;
        });
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    grant(authorizations, groupId, resource, resourceId, permissions);
  }
}
