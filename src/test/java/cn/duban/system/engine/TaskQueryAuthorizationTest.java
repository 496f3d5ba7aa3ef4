package cn.duban.system.engine;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.UNIT_A;
import static cn.duban.support.TestBureau.UNIT_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.duban.item.ItemDraft;
import cn.duban.item.ItemProcess.Decisions;
import cn.duban.item.ItemProcess.Elements;
import cn.duban.item.ItemProcess.Variables;
import cn.duban.item.ItemService;
import cn.duban.item.ItemTasks;
import cn.duban.support.DubanSpringTest;
import cn.duban.support.Users;

/**
 * Task queries that skip the authorization join (TaskQueryAuthorization) answer exactly what the engine's full check
 * answers. The reference is computed task by task with the engine's own {@code isUserAuthorized} (READ on the task,
 * or READ_TASK on its process definition), not by the query being tested.
 */
@DubanSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskQueryAuthorizationTest {

  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired ItemService items;
  @Autowired ItemTasks itemTasks;
  @Autowired Users users;

  boolean issued;

  /** Items for 甲科 (one signed for by andy, so assigned to him) and 乙科. */
  @BeforeEach
  void itemsInBothUnits() {
    if (issued) {
      return;
    }
    for (int i = 0; i < 3; i++) {
      items.issue(new ItemDraft("授权查询测试 甲科 " + i, "按要求办理", UNIT_A, null, List.of(), LEADER, "2027-03-01",
          null, null), users.get(OFFICE), false);
    }
    String signed = items.issue(new ItemDraft("授权查询测试 甲科 已签收", "按要求办理", UNIT_A, null, List.of(), LEADER,
        "2027-03-01", null, null), users.get(OFFICE), false);
    itemTasks.complete(signed, Elements.SIGN_FOR, users.get(ANDY),
        Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    for (int i = 0; i < 2; i++) {
      items.issue(new ItemDraft("授权查询测试 乙科 " + i, "按要求办理", UNIT_B, null, List.of(), LEADER, "2027-03-01",
          null, null), users.get(OFFICE), false);
    }
    issued = true;
  }

  List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
  }

  /** What the query answers for the person, through the engine (with duban's shortcut where it applies). */
  Set<String> asked(String userId, Function<TaskQuery, TaskQuery> criteria) {
    identityService.setAuthentication(userId, groupsOf(userId));
    try {
      TaskQuery query = criteria.apply(taskService.createTaskQuery());
      Set<String> ids = query.list().stream().map(Task::getId).collect(Collectors.toSet());
      assertThat(criteria.apply(taskService.createTaskQuery()).count()).isEqualTo(ids.size());
      return ids;
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The same criteria without a person, each task then checked with the engine's authorization service. */
  Set<String> allowed(String userId, Function<TaskQuery, TaskQuery> criteria) {
    List<String> groups = groupsOf(userId);
    Map<String, String> keys = new java.util.HashMap<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Task task : criteria.apply(taskService.createTaskQuery()).list()) {
      String key = task.getProcessDefinitionId() == null ? null : keys.computeIfAbsent(task.getProcessDefinitionId(),
          id -> repositoryService.getProcessDefinition(id).getKey());
      boolean readTask = authorizationService.isUserAuthorized(userId, groups, Permissions.READ, Resources.TASK,
          task.getId());
      boolean readTaskOfDefinition = key != null && authorizationService.isUserAuthorized(userId, groups,
          ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION, key);
      if (readTask || readTaskOfDefinition) {
        ids.add(task.getId());
      }
    }
    return ids;
  }

  record Shape(String name, Function<TaskQuery, TaskQuery> criteria) {
  }

  List<Shape> shapesFor(String userId) {
    List<String> own = groupsOf(userId);
    List<String> ownAndForeign = new ArrayList<>(own);
    ownAndForeign.add(own.contains(UNIT_A) ? UNIT_B : UNIT_A);
    return List.of(
        new Shape("本部门待办", q -> q.taskCandidateGroupIn(own)),
        new Shape("本部门待办 incl. assigned, by due date", q -> q.taskCandidateGroupIn(own).includeAssignedTasks()
            .orderByDueDate().asc()),
        new Shape("one own group", q -> q.taskCandidateGroup(own.get(0)).includeAssignedTasks()),
        new Shape("own and a foreign unit", q -> q.taskCandidateGroupIn(ownAndForeign).includeAssignedTasks()),
        new Shape("甲科", q -> q.taskCandidateGroup(UNIT_A).includeAssignedTasks()),
        new Shape("乙科", q -> q.taskCandidateGroup(UNIT_B)),
        new Shape("我的待办", q -> q.taskAssignee(userId)),
        new Shape("andy's tasks", q -> q.taskAssignee(ANDY)),
        new Shape("candidate user", q -> q.taskCandidateUser(userId).includeAssignedTasks()),
        new Shape("own unit or andy's (OR)", q -> q.or().taskCandidateGroupIn(own).taskAssignee(ANDY).endOr()),
        new Shape("已逾期: mine or my units', overdue", q -> q.or().taskAssignee(userId).taskCandidateGroupIn(own)
            .endOr().dueBefore(new Date(System.currentTimeMillis() + 400L * 24 * 3600 * 1000))),
        new Shape("OR branch with a due date", q -> q.or().taskCandidateGroupIn(own)
            .dueBefore(new Date(System.currentTimeMillis() + 400L * 24 * 3600 * 1000)).endOr()),
        new Shape("every task", q -> q),
        new Shape("item process, by name", q -> q.processDefinitionKey("duban-item").taskNameLike("%")));
  }

  @Test
  void everyShapeAnswersWhatTheFullCheckAllowsForEveryKindOfPerson() {
    for (String userId : List.of(ALICE, ANDY, BOB, OFFICE, LEADER, AUDITOR)) {
      for (Shape shape : shapesFor(userId)) {
        assertThat(asked(userId, shape.criteria())).as(userId + ": " + shape.name())
            .isEqualTo(allowed(userId, shape.criteria()));
      }
    }
    // and the data is such that the comparisons mean something
    assertThat(asked(ANDY, q -> q.taskCandidateGroup(UNIT_A).includeAssignedTasks())).hasSizeGreaterThanOrEqualTo(3);
    assertThat(asked(ANDY, q -> q.taskAssignee(ANDY))).isNotEmpty();
    assertThat(asked(ANDY, q -> q.taskCandidateGroup(UNIT_B))).isEmpty();
    assertThat(asked(BOB, q -> q.taskCandidateGroup(UNIT_B))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(asked(OFFICE, q -> q.taskCandidateGroup(UNIT_B))).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theCheckIsSkippedOnlyForOwnWorkOrForPeopleWhoMayReadEveryTask() {
    assertThat(checked(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A)))).isFalse();
    assertThat(checked(ANDY, q -> q.taskAssignee(ANDY))).isFalse();
    assertThat(checked(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A, UNIT_B)))).isTrue();
    assertThat(checked(ANDY, q -> q.taskAssignee(ALICE))).isTrue();
    assertThat(checked(ANDY, q -> q.taskCandidateUser(ANDY))).isTrue();
    assertThat(checked(ANDY, q -> q.or().taskCandidateGroup(UNIT_A).taskAssignee(ALICE).endOr())).isTrue();
    assertThat(checked(ANDY, q -> q)).isTrue();
    assertThat(checked(ANDY, q -> q.or().taskAssignee(ANDY).taskCandidateGroupIn(List.of(UNIT_A)).endOr()
        .dueBefore(new Date()))).isFalse();
    assertThat(checked(ANDY, q -> q.or().taskAssignee(ANDY).taskCandidateGroupIn(List.of(UNIT_A)).dueBefore(new Date())
        .endOr())).isTrue();
    assertThat(checked(ANDY, q -> q.or().taskAssignee(ANDY).taskCandidateGroupIn(List.of(UNIT_B)).endOr())).isTrue();
    assertThat(checked(OFFICE, q -> q)).isFalse();
    assertThat(checked(AUDITOR, q -> q.taskCandidateGroup(UNIT_B))).isFalse();
  }

  @Test
  void whileRevokeAuthorizationsExistTheFullCheckDecides() {
    identityService.setAuthentication(OFFICE, groupsOf(OFFICE));
    Task task;
    try {
      task = taskService.createTaskQuery().taskCandidateGroup(UNIT_A).taskNameLike("%").list().stream()
          .filter(t -> t.getAssignee() == null).findFirst().orElseThrow();
    } finally {
      identityService.clearAuthentication();
    }
    Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(ANDY);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.READ);
    revoke = authorizationService.saveAuthorization(revoke);
    try {
      assertThat(checked(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A)))).isTrue();
      assertThat(asked(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A)))).doesNotContain(task.getId())
          .isEqualTo(allowed(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A))));
    } finally {
      authorizationService.deleteAuthorization(revoke.getId());
    }
    assertThat(asked(ANDY, q -> q.taskCandidateGroupIn(List.of(UNIT_A)))).contains(task.getId());
  }

  @Test
  void tasklistFiltersAnswerWhatTheFullCheckAllowsForACadre() {
    Date now = new Date();
    List<String> own = groupsOf(ANDY);
    Map<String, Function<TaskQuery, TaskQuery>> filters = Map.of(
        "我的待办", q -> q.taskAssignee(ANDY),
        "本部门待办", q -> q.taskCandidateGroupIn(own),
        "已逾期", q -> q.or().taskAssignee(ANDY).taskCandidateGroupIn(own).endOr().dueBefore(now));
    identityService.setAuthentication(ANDY, own);
    Map<String, Set<String>> answers = new java.util.HashMap<>();
    try {
      for (String name : filters.keySet()) {
        var filter = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
        Set<String> ids = engine.getFilterService().<Task>list(filter.getId()).stream().map(Task::getId)
            .collect(Collectors.toSet());
        assertThat(engine.getFilterService().count(filter.getId())).as(name).isEqualTo(ids.size());
        answers.put(name, ids);
      }
    } finally {
      identityService.clearAuthentication();
    }
    filters.forEach((name, criteria) -> assertThat(answers.get(name)).as(name).isEqualTo(allowed(ANDY, criteria)));
    assertThat(answers.get("本部门待办")).isNotEmpty();
    assertThat(answers.get("我的待办")).isNotEmpty();
  }

  /** Whether the engine ran the authorization check for this query of this person (a count, run as Tasklist runs it). */
  boolean checked(String userId, Function<TaskQuery, TaskQuery> criteria) {
    return checked(userId, () -> (TaskQueryImpl) criteria.apply(taskService.createTaskQuery()));
  }

  boolean checked(String userId, java.util.function.Supplier<TaskQueryImpl> queries) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    identityService.setAuthentication(userId, groupsOf(userId));
    try {
      return configuration.getCommandExecutorTxRequired().execute(context -> {
        assertThat(context.getAuthorizationManager()).isInstanceOf(TaskQueryAuthorization.class);
        TaskQueryImpl query = queries.get();
        query.evaluateExpressionsAndExecuteCount(context);
        return query.getAuthCheck().isAuthorizationCheckEnabled();
      });
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void tasklistsOwnWorkFiltersRunWithoutTheCheckForACadre() {
    for (String name : List.of("我的待办", "本部门待办", "即将到期", "已逾期")) {
      String id = engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
      assertThat(checked(ANDY, () -> (TaskQueryImpl) engine.getFilterService().getFilter(id).getQuery())).as(name)
          .isFalse();
    }
  }
}
