package cn.duban.item;

import java.util.Date;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;

/**
 * The item's facts as {@code duban-item.bpmn} uses them for its user tasks ({@code ${itemFacts.dueAt(execution)}} …):
 * read from duban's read model, which only duban's own rules change (交办, 签收, 改派 by the office, an approved
 * 延期), never from process variables a person could have written. The item is the process's business key.
 */
@Component("itemFacts")
public class ItemFacts {

  private final ItemRepository items;
  private final ExtensionRequests extensions;
  private final OrganisationService organisation;

  ItemFacts(ItemRepository items, ExtensionRequests extensions, OrganisationService organisation) {
    this.items = items;
    this.extensions = extensions;
    this.organisation = organisation;
  }

  /** 责任部门: the candidates of 签收. */
  public String unitId(DelegateExecution execution) {
    return item(execution).unitId();
  }

  /** 承办人 (or the person the office named when issuing), null while the unit has not signed for it. */
  public String assignee(DelegateExecution execution) {
    return item(execution).assignee();
  }

  /** Every task of the item is due by the item's deadline (its end of day in the bureau's zone). */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(item(execution).dueAt());
  }

  /**
   * Who decides a 延期申请: the item's leader in charge, if they are a bureau leader and did not ask for it
   * themselves; otherwise nobody in particular, and any leader may claim it.
   */
  public String extensionApprover(DelegateExecution execution) {
    ItemRow item = item(execution);
    String requester = extensions.latest(item.code()).map(ExtensionRequests.ExtensionRequest::requestedBy)
        .orElse(item.assignee());
    String leader = item.leaderId();
    return leader != null && !leader.equals(requester) && organisation.isLeader(leader) ? leader : null;
  }

  ItemRow item(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    return items.find(code).orElseThrow(() -> new BadUserRequestException("事项「" + code + "」不存在"));
  }
}
