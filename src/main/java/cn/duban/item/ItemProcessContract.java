package cn.duban.item;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.system.engine.ProcessContract;

/**
 * A deployment of {@code duban-item} must keep every id and message of {@link ItemProcess}; its expressions may call
 * the beans listed here, and only expressions of these (and the other processes' contracts) reach Spring beans at
 * all (docs/security.md, 流程表达式). A new delegate or expression bean of the process is one more line here.
 */
@Configuration(proxyBeanMethods = false)
class ItemProcessContract {

  @Bean
  ProcessContract itemContract() {
    return ProcessContract.fromConstants(ItemProcess.KEY, ItemProcess.Elements.class, ItemProcess.Messages.class)
        .withBeans(
            "registerItemDelegate",      // 登记事项 (ItemDelegates)
            "recordProgressDelegate",    // 记录进度反馈
            "recordCompletionDelegate",  // 记录办结情况
            "applyExtensionDelegate",    // 变更完成时限
            "closeItemDelegate",         // 销号
            "itemTaskListener",          // every user task's create/complete listener
            "itemFacts",                 // the user tasks' unit, assignee, approver and due date, from the read model
            "itemCoUnits",               // 协办: the co-units and who signed for each (ItemCoUnits)
            "itemEscalation",            // the ladder's timer dates (escalation/ItemEscalation)
            "remindDelegate",            // 临期提醒 (escalation/EscalationDelegates)
            "chaseDelegate",             // 逾期催办, 每日催办
            "superviseDelegate",         // 启动督办
            "supervisionOrderDelegate",  // 下发督办单
            "bulletinDelegate",          // 通报
            "itemReportCycle",           // 按周期进度反馈: whether it applies, the period's timer dates (ItemReportCycle)
            "remindReportDelegate",      // 提醒反馈进度 (ReportCycleDelegates)
            "closeReportPeriodDelegate"); // 结束本周期, 反馈逾期
  }
}
