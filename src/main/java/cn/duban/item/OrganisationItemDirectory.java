package cn.duban.item;

import org.springframework.stereotype.Component;

import cn.duban.organisation.OrganisationService;

/** The item rules' view of the organisation. */
@Component
class OrganisationItemDirectory implements ItemDirectory {

  private final OrganisationService organisation;

  OrganisationItemDirectory(OrganisationService organisation) {
    this.organisation = organisation;
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
  public boolean isLeader(String userId) {
    return organisation.isLeader(userId);
  }
}
