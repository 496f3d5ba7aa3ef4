package cn.duban.item;

import static cn.duban.item.ItemProcess.Elements;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.Roles;

/**
 * Who may complete each task of an item, decided when the task is completed from duban's read model and the
 * organisation as it is at that moment (not from who the task was assigned to when it was created, and never
 * from a variable): 签收 by the responsible unit, 承办 by its assignee, 延期审批 by a bureau leader who did not ask
 * for the extension, 审核销号 by the office but not by whoever applied for 办结, 改派 and 督办 by the office.
 */
@Component
class ItemDeciders {

  private final OrganisationService organisation;
  private final ExtensionRequests extensions;
  private final ItemRepository items;
  private final CoUnitParts coUnitParts;

  ItemDeciders(OrganisationService organisation, ExtensionRequests extensions, ItemRepository items,
               CoUnitParts coUnitParts) {
    this.organisation = organisation;
    this.extensions = extensions;
    this.items = items;
    this.coUnitParts = coUnitParts;
  }

  /**
   * Refuses (403, a Chinese reason) a person who may not complete this task of this item.
   *
   * @param coUnitId the co-unit of a 协办 task, else null
   */
  void checkMayComplete(String taskKey, ItemRow item, String userId, String coUnitId) {
    switch (taskKey) {
      case Elements.SIGN_FOR -> require(organisation.isMember(userId, item.unitId()) || userId.equals(item.assignee()),
          "只有责任部门（" + organisation.unitName(item.unitId()) + "）的成员可以签收该事项。");
      case Elements.HANDLE -> require(userId.equals(item.assignee()),
          "只有承办人（" + organisation.personName(item.assignee()) + "）可以办理该事项。");
      case Elements.APPROVE_EXTENSION -> {
        require(organisation.isLeader(userId), "只有局领导（分管领导）可以审批延期申请。");
        String requester = extensions.latest(item.code()).map(ExtensionRequests.ExtensionRequest::requestedBy)
            .orElse(item.assignee());
        require(!userId.equals(requester) && !userId.equals(item.assignee()),
            "不能审批自己提出的延期申请，请由其他局领导审批。");
      }
      case Elements.SIGN_OFF -> {
        require(organisation.isMember(userId, Roles.OFFICE), "只有督查室可以审核销号。");
        require(!userId.equals(item.assignee()) && !userId.equals(items.latestAuthor(item.code(), "COMPLETION")),
            "不能审核自己申请办结的事项，请由督查室其他人员审核。");
      }
      case Elements.REASSIGN -> require(organisation.isMember(userId, Roles.OFFICE), "只有督查室可以改派事项。");
      case Elements.SUPERVISE -> require(organisation.isMember(userId, Roles.OFFICE), "只有督查室可以下达督办单。");
      case Elements.CO_UNIT_SIGN_FOR -> require(coUnitId != null && organisation.isMember(userId, coUnitId),
          "只有协办部门（" + organisation.unitName(coUnitId) + "）的成员可以签收协办任务。");
      case Elements.CO_UNIT_REPORT -> require(userId.equals(coUnitParts.assignee(item.code(), coUnitId)),
          "只有签收协办任务的人可以反馈协办完成情况。");
      default -> {
        // a task an administrator added to the process: the engine's authorizations decide
      }
    }
  }

  private static void require(boolean allowed, String reason) {
    if (!allowed) {
      throw new AuthorizationException(reason);
    }
  }
}
