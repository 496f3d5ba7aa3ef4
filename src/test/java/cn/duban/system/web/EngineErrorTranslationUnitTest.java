package cn.duban.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineErrorTranslationUnitTest {

  static EngineErrorTranslation.Translated translate(int status, String type, String message, String method) {
    return EngineErrorTranslation.translate(status, type, message, method);
  }

  @Test
  void dubansRuleWrappedByTheEngineBecomesA400SaidOnce() {
    var t = translate(500, "RestException", "Cannot submit task form 30cbb1d0-aa: 延期申请有误：延期后的完成时限不能早于今天"
        + "（2026-12-04）", "POST");
    assertThat(t.status()).isEqualTo(400);
    assertThat(t.message()).isEqualTo("延期申请有误：延期后的完成时限不能早于今天（2026-12-04）");
    var start = translate(500, "RestException", "Cannot instantiate process definition duban-item:1:305b: 责任部门「X」不存在",
        "POST");
    assertThat(start.message()).isEqualTo("责任部门「X」不存在");
    assertThat(translate(500, "RestException", "重复 重复", "POST").message()).isEqualTo("重复");
    assertThat(translate(500, "RestException", "There was an exception while invoking the TaskListener. Message: "
        + "'Exception while invoking TaskListener: 只有督查室可以审核销号。'", "POST").message()).isEqualTo("只有督查室可以审核销号。");
  }

  @Test
  void theLosersOfARaceGet409() {
    assertThat(translate(500, "RestException", "Cannot complete task 1: Cannot find task with id 1: task is null",
        "POST").status()).isEqualTo(409);
    assertThat(translate(500, "RestException", "Cannot claim task 1: Task '1' is already claimed by someone else.",
        "POST")).satisfies(t -> {
          assertThat(t.status()).isEqualTo(409);
          assertThat(t.message()).contains("已被他人认领");
        });
    assertThat(translate(500, "OptimisticLockingException", "ENGINE-03005 Execution of 'UPDATE TaskEntity' failed",
        "POST").status()).isEqualTo(409);
    assertThat(translate(500, "ProcessEngineException", "ERROR: duplicate key value violates unique constraint",
        "POST").status()).isEqualTo(409);
  }

  @Test
  void aDatabaseOutageIsA503AndUnknownErrorsStayChinese() {
    assertThat(translate(500, "ProcessEngineException", "Could not open JDBC Connection for transaction", "GET")
        .status()).isEqualTo(503);
    assertThat(translate(500, "NullPointerException", "boom", "GET").message()).contains("服务器处理时出错");
    assertThat(translate(403, "AuthorizationException", "The user with id 'a' does not have …", "GET").message())
        .contains("您没有执行此操作的权限");
    assertThat(translate(404, "RestException", "No matching definition", "GET").status()).isEqualTo(404);
  }
}
