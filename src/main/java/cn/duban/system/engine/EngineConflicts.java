package cn.duban.system.engine;

/** What a person is told when they lost a race for a task; the REST error translation answers it with 409. */
public final class EngineConflicts {

  public static final String TASK_GONE = "要办理的任务已由他人办理或已不存在，请刷新任务列表后再试。";

  private EngineConflicts() {
  }
}
