package cn.duban.item;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.web.ConflictException;

/**
 * Works an item's task as a person, exactly as Tasklist would: claim it if nobody has, then complete it with the
 * form's values. The engine checks the person's permissions and records them as the actor.
 */
@Service
public class ItemTasks {

  private final TaskService taskService;
  private final IdentityService identityService;

  ItemTasks(TaskService taskService, IdentityService identityService) {
    this.taskService = taskService;
    this.identityService = identityService;
  }

  public void complete(String itemCode, String taskKey, DubanUser user, Map<String, Object> formValues) {
    EngineSystemContext.callAs(identityService, user, () -> {
      Task task = taskService.createTaskQuery().processInstanceBusinessKey(itemCode).taskDefinitionKey(taskKey)
          .singleResult();
      if (task == null) {
        throw new ConflictException("事项「" + itemCode + "」当前没有待办的「" + taskKey + "」任务。");
      }
      if (task.getAssignee() == null) {
        taskService.claim(task.getId(), user.id());
      }
      taskService.complete(task.getId(), formValues);
      return null;
    });
  }
}
