package cn.duban.system.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service, so there is one set of users and
 * passwords for Tasklist, Cockpit, Admin, the REST API and duban's own pages.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null) {
      throw new BadCredentialsException("用户名或密码错误");
    }
    boolean valid = EngineSystemContext.call(identityService,
        () -> identityService.checkPassword(userId, credentials.toString()));
    if (!valid) {
      throw new BadCredentialsException("用户名或密码错误");
    }
    DubanUser user = load(userId);
    return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
  }

  /** Loads a user with their current groups. */
  public DubanUser load(String userId) {
    return EngineSystemContext.call(identityService, () -> {
      User user = identityService.createUserQuery().userId(userId).singleResult();
      String name = user == null ? userId : DubanUser.displayName(userId, user.getFirstName(), user.getLastName());
      List<String> units = new ArrayList<>();
      List<String> roles = new ArrayList<>();
      for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
        if (Roles.TYPE_UNIT.equals(group.getType())) {
          units.add(group.getId());
        } else {
          roles.add(group.getId());
        }
      }
      return new DubanUser(userId, name, units, roles);
    });
  }


  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
