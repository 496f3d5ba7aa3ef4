package cn.duban.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.duban.system.security.Roles;

/**
 * Creates duban's Tasklist filters once (an admin may change them in Tasklist afterwards; they are not
 * overwritten). Each shows the item's code, title and deadline beside the task, sorted by due date.
 */
@Component
@Order(2)
class TasklistFilters implements ApplicationRunner {

  static final String MINE = "我的待办";
  static final String MY_UNITS = "本部门待办";
  static final String DUE_SOON = "即将到期";
  static final String OVERDUE = "已逾期";
  static final String SIGN_OFF = "待销号";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensure(MINE, -20, "分配给我、由我承办的任务", null,
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure(MY_UNITS, -15, "本部门尚未认领的任务：认领后即可办理", null,
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
    ensure(DUE_SOON, -10, "我和本部门 3 天内到期的任务", null, mineOrMyUnits()
        .dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(3).toDate()}"));
    ensure(OVERDUE, -5, "我和本部门已超过完成时限的任务", null, mineOrMyUnits().dueBeforeExpression("${now()}"));
    ensure(SIGN_OFF, 0, "督查室待审核销号的事项", Roles.OFFICE,
        taskService.createTaskQuery().taskDefinitionKey("UserTask_SignOff").taskCandidateGroup(Roles.OFFICE));
  }

  private TaskQuery mineOrMyUnits() {
    return taskService.createTaskQuery().or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .endOr();
  }

  private void ensure(String name, int priority, String description, String onlyForGroup, TaskQuery query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("variables", List.of(
          Map.of("name", "itemCode", "label", "事项编号"),
          Map.of("name", "title", "label", "事项名称"),
          Map.of("name", "unitName", "label", "责任部门"),
          Map.of("name", "deadline", "label", "完成时限")));
      filter = filterService.newTaskFilter(name).setOwner(null).setProperties(properties)
          .setQuery(query.orderByDueDate().asc());
      filterService.saveFilter(filter);
    }
    grantRead(filter.getId(), onlyForGroup);
  }

  private void grantRead(String filterId, String group) {
    var query = authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(filterId);
    if (query.count() > 0) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(group == null ? AUTH_TYPE_GLOBAL : AUTH_TYPE_GRANT);
    if (group == null) {
      authorization.setUserId(ANY);
    } else {
      authorization.setGroupId(group);
    }
    authorization.setResource(Resources.FILTER);
    authorization.setResourceId(filterId);
    authorization.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(authorization);
  }
}
