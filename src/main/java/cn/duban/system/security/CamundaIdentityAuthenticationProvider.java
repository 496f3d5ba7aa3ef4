package cn.duban.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against Camunda's identity service, so there is one set of users and
 * passwords for Tasklist, Cockpit, Admin, the REST API and duban's own pages. Every attempt goes through
 * {@link LoginThrottle} first: while a user name or address is being slowed down, the password is not even looked at.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final LoginThrottle throttle;

  CamundaIdentityAuthenticationProvider(ProcessEngine engine, LoginThrottle throttle) {
    this.identityService = engine.getIdentityService();
    this.engineConfiguration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null) {
      throw new BadCredentialsException("用户名或密码错误");
    }
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : null;
    LoginThrottle.Attempt attempt = throttle.begin(userId, address);
    boolean valid = EngineSystemContext.call(identityService,
        () -> identityService.checkPassword(userId, credentials.toString()));
    if (!valid) {
      attempt.failed();
      throw new BadCredentialsException("用户名或密码错误");
    }
    attempt.succeeded();
    AccessState state = state(userId);
    if (state == null) {
      throw new BadCredentialsException("用户名或密码错误");
    }
    return new DubanAuthentication(state.user(), state.credentialStamp());
  }

  /** Loads a user with their current groups. */
  public DubanUser load(String userId) {
    AccessState state = state(userId);
    return state == null ? new DubanUser(userId, userId, List.of(), List.of()) : state.user();
  }

  /** What a signed-in session of {@code userId} rests on, read fresh from the identity service; null if no such user. */
  AccessState state(String userId) {
    return EngineSystemContext.call(identityService, () -> {
      if (!(identityService.createUserQuery().userId(userId).singleResult() instanceof UserEntity user)) {
        return null;
      }
      List<String> units = new ArrayList<>();
      List<String> roles = new ArrayList<>();
      for (Group group : identityService.createGroupQuery().groupMember(userId).orderByGroupId().asc().list()) {
        if (Roles.TYPE_UNIT.equals(group.getType())) {
          units.add(group.getId());
        } else {
          roles.add(group.getId());
        }
      }
      DubanUser dubanUser = new DubanUser(userId, DubanUser.displayName(userId, user.getFirstName(), user.getLastName()),
          units, roles);
      return new AccessState(dubanUser, stamp(user.getPassword(), user.getSalt()), locked(user));
    });
  }

  /**
   * The engine's permanent lock, should its lock-out be switched back on. Not its temporary delay after a wrong
   * password: anyone can cause that by guessing, and it must not sign the person out.
   */
  private boolean locked(UserEntity user) {
    return user.getAttempts() >= engineConfiguration.getLoginMaxAttempts();
  }

  /** A digest of the stored password hash: changes with every new password; the session never holds the hash. */
  private static String stamp(String passwordHash, String salt) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((passwordHash + "\u0000" + salt).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
