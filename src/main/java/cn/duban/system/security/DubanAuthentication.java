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

  String credentialStamp() {
    return credentialStamp;
  }
}
