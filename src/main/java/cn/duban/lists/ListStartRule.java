package cn.duban.lists;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Component;

import cn.duban.system.engine.EngineCaller;
import cn.duban.system.engine.ProcessStartRule;

/**
 * A list's process belongs to a list duban has imported and checked (POST /api/lists, the import page): started
 * from anywhere else it would be a list without rows, so every start from outside is refused.
 */
@Component
class ListStartRule implements ProcessStartRule {

  @Override
  public String processKey() {
    return ListProcess.KEY;
  }

  @Override
  public void checkExternalStart(EngineCaller caller, String businessKey, Map<String, Object> variables) {
    throw new AuthorizationException("任务清单只能在督办系统的“任务清单”页面导入下发（或调用 POST /api/lists），"
        + "不能直接发起清单流程。");
  }
}
