package cn.duban.organisation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.security.DubanUser;
import cn.duban.system.security.EngineSystemContext;
import cn.duban.system.security.Roles;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;

/**
 * Units, roles and people. They live in Camunda's identity service (so Camunda Admin manages them); duban adds
 * the unit heads. Lookups run with system rights: who may ask is decided by the callers.
 */
@Service
public class OrganisationService {

  private final IdentityService identityService;
  private final JdbcTemplate jdbc;
  /** Names shown beside ids; a rename in Camunda Admin shows within a minute. */
  private final DisplayNames names = new DisplayNames(java.time.Duration.ofMinutes(1));

  public OrganisationService(IdentityService identityService, JdbcTemplate jdbc) {
    this.identityService = identityService;
    this.jdbc = jdbc;
  }

  public List<Unit> units() {
    return system(() -> identityService.createGroupQuery().groupType(Roles.TYPE_UNIT).list().stream()
        .map(g -> new Unit(g.getId(), g.getName()))
        .sorted(Comparator.comparing(Unit::id))
        .toList());
  }

  public Optional<Unit> unit(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return system(() -> {
      Group group = identityService.createGroupQuery().groupId(id.trim()).groupType(Roles.TYPE_UNIT).singleResult();
      return Optional.ofNullable(group).map(g -> new Unit(g.getId(), g.getName()));
    });
  }

  /** A unit by its id or its Chinese name (lists written by people use names). */
  public Optional<Unit> unitByIdOrName(String idOrName) {
    Optional<Unit> byId = unit(idOrName);
    if (byId.isPresent() || idOrName == null) {
      return byId;
    }
    String name = idOrName.trim();
    return units().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** A unit's name for display (cached briefly: lists and exports show hundreds of rows). */
  public String unitName(String unitId) {
    return unitId == null ? null : names.get("unit:" + unitId, () -> unit(unitId).map(Unit::name).orElse(unitId));
  }

  /** The name of any group, unit or role (督查室, 局领导 …). */
  public String groupName(String groupId) {
    if (groupId == null) {
      return null;
    }
    return names.get("group:" + groupId, () -> system(() -> Optional.ofNullable(
        identityService.createGroupQuery().groupId(groupId).singleResult()).map(Group::getName).orElse(groupId)));
  }

  public Optional<Person> person(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return system(() -> Optional.ofNullable(identityService.createUserQuery().userId(userId.trim()).singleResult())
        .map(OrganisationService::toPerson));
  }

  /** A person's name for display (cached briefly, like {@link #unitName}). */
  public String personName(String userId) {
    return userId == null ? null : names.get("user:" + userId, () -> person(userId).map(Person::name).orElse(userId));
  }

  /**
   * The people a list may mean by this text: the user with this id alone, otherwise everybody whose full name
   * (姓名) it is (namesakes included).
   */
  public List<String> userIdsByIdOrName(String idOrName) {
    if (idOrName == null || idOrName.isBlank()) {
      return List.of();
    }
    String text = idOrName.strip();
    if (userExists(text)) {
      return List.of(text);
    }
    return system(() -> identityService.createUserQuery().list().stream()
        .filter(u -> text.equals(DubanUser.displayName(u.getId(), u.getFirstName(), u.getLastName())))
        .map(User::getId).sorted().toList());
  }

  /** Everybody, by id. */
  public List<Person> people() {
    return system(() -> identityService.createUserQuery().list().stream()
        .map(OrganisationService::toPerson)
        .sorted(Comparator.comparing(Person::id))
        .toList());
  }

  public List<Person> members(String groupId) {
    return system(() -> identityService.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(OrganisationService::toPerson)
        .sorted(Comparator.comparing(Person::id))
        .toList());
  }

  public boolean isMember(String userId, String groupId) {
    if (userId == null || groupId == null) {
      return false;
    }
    return system(() -> identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0);
  }

  public boolean isLeader(String userId) {
    return isMember(userId, Roles.LEADERS);
  }

  public List<String> heads(String unitId) {
    return jdbc.queryForList("select user_id from duban.unit_head where unit_id = ? order by user_id", String.class, unitId);
  }

  /** The units this person heads (科室负责人). */
  public List<String> headedUnits(String userId) {
    return jdbc.queryForList("select unit_id from duban.unit_head where user_id = ? order by unit_id", String.class,
        userId);
  }

  /** Replaces the heads of a unit; every head must be a member of the unit. */
  @Transactional
  public void setHeads(String unitId, List<String> userIds) {
    if (unit(unitId).isEmpty()) {
      throw new InvalidInputException(new FieldProblem("unitId", unitId, "部门不存在"));
    }
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> heads = new LinkedHashSet<>(userIds == null ? List.of() : userIds);
    for (String userId : heads) {
      if (!isMember(userId, unitId)) {
        String name = userId == null ? null : personName(userId);
        String who = name == null || name.equals(userId) ? userId : name + "（" + userId + "）";
        problems.add(new FieldProblem("heads", userId, "「" + who + "」不是该部门的成员，不能担任科室负责人"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("科室负责人必须是本部门成员。", problems);
    }
    jdbc.update("delete from duban.unit_head where unit_id = ?", unitId);
    for (String userId : heads) {
      jdbc.update("insert into duban.unit_head (unit_id, user_id) values (?, ?)", unitId, userId);
    }
  }

  // --- set-up (admin bootstrap and demo data) -----------------------------------------------------------

  public void ensureGroup(String id, String name, String type) {
    EngineSystemContext.run(identityService, () -> {
      if (identityService.createGroupQuery().groupId(id).count() == 0) {
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
      }
    });
  }

  public boolean userExists(String userId) {
    return system(() -> identityService.createUserQuery().userId(userId).count() > 0);
  }

  /** Creates a person; the whole Chinese name goes into the first name (see {@link DubanUser#displayName}). */
  public void createUser(String id, String fullName, String email, String password) {
    EngineSystemContext.run(identityService, () -> {
      User user = identityService.newUser(id);
      user.setFirstName(fullName);
      user.setLastName("");
      user.setEmail(email);
      user.setPassword(password);
      identityService.saveUser(user);
    });
  }

  public void ensureMembership(String userId, String groupId) {
    EngineSystemContext.run(identityService, () -> {
      if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(userId, groupId);
      }
    });
  }

  private static Person toPerson(User user) {
    return new Person(user.getId(), DubanUser.displayName(user.getId(), user.getFirstName(), user.getLastName()),
        user.getEmail());
  }

  private <T> T system(java.util.function.Supplier<T> work) {
    return EngineSystemContext.call(identityService, work);
  }
}
