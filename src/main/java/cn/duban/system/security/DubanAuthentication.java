package cn.duban.system.security;

import java.io.Serial;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * A signed-in person as kept in the session, with the stamp of the password they signed in with: when the stored
 * password changes, {@link SessionAccessFilter} ends the session.
 */
final class DubanAuthentication extends UsernamePasswordAuthenticationToken {

  @Serial
  private static final long serialVersionUID = 1L;

  private final String credentialStamp;

  DubanAuthentication(DubanUser user, String credentialStamp) {
    super(user, null, user.authorities());
    this.credentialStamp = credentialStamp;
  }

  DubanUser user() {
    return (DubanUser) getPrincipal();
  }

  /**
   * The user id: Spring Session stores it beside the session ({@code principal_name}, to find a person's sessions),
   * and logs name people by it. Without this it would be the whole {@link DubanUser} as text.
   */
  @Override
  public String getName() {
    return user().id();
  }

  String credentialStamp() {
    return credentialStamp;
  }
}
