package cn.duban.support;

import org.springframework.stereotype.Component;

import cn.duban.system.security.CamundaIdentityAuthenticationProvider;
import cn.duban.system.security.DubanUser;

/** The test bureau's people as signed-in users. */
@Component
public class Users {

  private final CamundaIdentityAuthenticationProvider provider;

  public Users(CamundaIdentityAuthenticationProvider provider) {
    this.provider = provider;
  }

  public DubanUser get(String userId) {
    return provider.load(userId);
  }
}
