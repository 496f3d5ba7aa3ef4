package cn.duban.system.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * Task queries whose answer the authorization check cannot change run without the check's join.
 * <p>
 * With authorizations on, every task query joins each candidate task to the authorizations of the asking person
 * ({@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}). PostgreSQL can neither hash nor index that condition, so
 * "本部门待办" for a cadre in two units compares ten thousand tasks with ten thousand authorizations: about nine
 * seconds at 100,000 open items (benchmark scenario 3, docs/benchmarks.md). The check is kept for every query it can
 * narrow, and dropped only for these two kinds, whose every task the person may read anyway:
 * <ol>
 *   <li><b>The person may read every task</b> (the office, leaders and auditors hold READ on TASK {@code *}, granted
 *   in {@code EngineAuthorizationSetup}): the disjunctive check passes for every row.</li>
 *   <li><b>The query asks only for the person's own work</b>: tasks assigned to them, or tasks whose candidate group
 *   is one of their groups. The engine grants READ on a task to its assignee and to each candidate group when the
 *   link is made and removes it with the link ({@code DefaultAuthorizationProvider}), so each such task carries a
 *   grant for the person. Only plain criteria qualify: no OR branches, no candidate user (it expands to the
 *   user's groups and candidate-user links), no LIKE on groups; further criteria only narrow the answer. An OR
 *   branch qualifies only if it holds nothing but such criteria (Tasklist's 即将到期 and 已逾期: assigned to me or
 *   to one of my units, and due in a range).</li>
 * </ol>
 * Neither applies while revoke authorizations exist ({@code authorizationCheckRevokes=auto} finds them): a revoke
 * could take away what a grant gives, and only the full check weighs the two. A group counts only if it holds
 * authorizations at all (the engine's own filter of the person's groups), as in the full check.
 * <p>
 * {@code TaskQueryAuthorizationTest} compares the answers with the engine's own per-task authorization decision for
 * every kind of person, query shape and Tasklist filter.
 */
public class TaskQueryAuthorization extends AuthorizationManager {

  /** Replaces the engine's AuthorizationManager in every command (registered as a custom session factory). */
  static SessionFactory sessionFactory() {
    return new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new TaskQueryAuthorization();
      }
    };
  }

  @Override
  public void configureTaskQuery(TaskQueryImpl query) {
    super.configureTaskQuery(query);
    AuthorizationCheck check = query.getAuthCheck();
    if (!check.isAuthorizationCheckEnabled() || check.isRevokeAuthorizationCheckEnabled()) {
      return;
    }
    if (asksOnlyForOwnWork(query, check.getAuthUserId(), check.getAuthGroupIds()) || mayReadEveryTask(check)) {
      check.setAuthorizationCheckEnabled(false);
      check.setPermissionChecks(new CompositePermissionCheck());
    }
  }

  private boolean mayReadEveryTask(AuthorizationCheck check) {
    return isAuthorized(check.getAuthUserId(), check.getAuthGroupIds(), Permissions.READ, Resources.TASK,
        Authorization.ANY);
  }

  /**
   * The criteria an OR branch may hold for the branch to ask only for own work: everything else the branch holds
   * (a due date, a name, another person) is OR-ed in and would widen the answer.
   */
  static final Set<String> OWN_WORK_CRITERIA = Set.of("assignee", "candidateGroup", "candidateGroups",
      "includeAssignedTasks", "taskAssigneeExpression", "taskCandidateGroupExpression",
      "taskCandidateGroupInExpression");

  static boolean asksOnlyForOwnWork(TaskQueryImpl query, String userId, List<String> groupsWithAuthorizations) {
    if (userId == null) {
      return false;
    }
    Set<String> own = groupsWithAuthorizations == null ? Set.of() : new HashSet<>(groupsWithAuthorizations);
    List<TaskQueryImpl> queries = query.getQueries();
    // the main query's criteria and each OR branch are AND-ed: one of them asking only for own work is enough
    if (isOwnWork(query, userId, own)) {
      return true;
    }
    for (TaskQueryImpl branch : queries.subList(1, queries.size())) {
      if (isOwnWork(branch, userId, own) && criteriaOf(branch).stream().allMatch(OWN_WORK_CRITERIA::contains)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the query's own assignee or candidate-group criterion limits it to the person's work. */
  private static boolean isOwnWork(TaskQueryImpl query, String userId, Set<String> own) {
    if (query.getCandidateUser() != null || query.getCandidateGroupLike() != null) {
      return false;
    }
    boolean assignedToMe = userId.equals(query.getAssignee());
    List<String> asked = new ArrayList<>();
    if (query.getCandidateGroup() != null) {
      asked.add(query.getCandidateGroup());
    }
    if (query.getCandidateGroupsInternal() != null) {
      asked.addAll(query.getCandidateGroupsInternal());
    }
    boolean myGroups = !asked.isEmpty() && asked.stream().allMatch(g -> g != null && own.contains(g));
    if (query.isOrQueryActive()) {
      // inside an OR branch the two are alternatives: each one present must be own work
      boolean anyAsked = query.getAssignee() != null || !asked.isEmpty();
      return anyAsked && (query.getAssignee() == null || assignedToMe) && (asked.isEmpty() || myGroups);
    }
    return assignedToMe || myGroups;
  }

  /**
   * The names of the criteria a query holds, as the engine stores them in a filter. A criterion given as an
   * expression appears under the expression's name; its evaluated value is what {@link #isOwnWork} checks.
   */
  private static Set<String> criteriaOf(TaskQueryImpl branch) {
    return new JsonTaskQueryConverter().toJsonObject(branch, true).keySet();
  }
}
