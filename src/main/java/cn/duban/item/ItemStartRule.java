package cn.duban.item;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.stereotype.Component;

import cn.duban.system.engine.EngineCaller;
import cn.duban.system.engine.ProcessStartRule;

/**
 * 交办 from outside duban (Tasklist's start form, {@code /engine-rest} start or submit-form) obeys the rules of
 * {@code POST /api/items}: only the office and administrators issue items, and the item's code is duban's to give,
 * never the caller's. The fields themselves are those of the start form (checked by the engine call guard) and the
 * item rules (checked when the item is registered).
 */
@Component
class ItemStartRule implements ProcessStartRule {

  @Override
  public String processKey() {
    return ItemProcess.KEY;
  }

  @Override
  public void checkExternalStart(EngineCaller caller, String businessKey, Map<String, Object> variables) {
    if (!caller.isOfficeOrAdmin()) {
      throw new AuthorizationException("只有督查室和管理员可以交办事项。");
    }
    if (businessKey != null && !businessKey.isBlank()) {
      throw new BadUserRequestException("事项编号由系统自动分配，请不要填写业务键（Business Key），清空后重新提交。");
    }
  }
}
