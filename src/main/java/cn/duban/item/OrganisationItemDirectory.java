package cn.duban.item;

import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;

/** The item rules' view of the organisation (and of the task lists an item may join). */
@Component
class OrganisationItemDirectory implements ItemDirectory {

  private final OrganisationService organisation;
  private final TaskLists lists;

  OrganisationItemDirectory(OrganisationService organisation, TaskLists lists) {
    this.organisation = organisation;
    this.lists = lists;
  }

  @Override
  public boolean listExists(String listCode) {
    return lists.exists(listCode);
  }

  @Override
  public boolean unitExists(String unitId) {
    return organisation.unit(unitId).isPresent();
  }

  @Override
  public boolean userExists(String userId) {
    return organisation.userExists(userId);
  }

  @Override
  public boolean isMember(String userId, String unitId) {
    return organisation.isMember(userId, unitId);
  }

  @Override
  public String unitName(String unitId) {
    return organisation.unitName(unitId);
  }

  @Override
  public String personName(String userId) {
    return organisation.personName(userId);
  }

  @Override
  public boolean isLeader(String userId) {
    return organisation.isLeader(userId);
  }
}
