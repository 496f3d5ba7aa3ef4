package cn.duban.system.security;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the system, without the signed-in user's authorization checks. duban uses it for
 * lookups it has already checked itself (a user's groups at login, an item's history once duban has decided
 * the caller may see the item). Writes on behalf of a user never go through here: they run as that user.
 */
public final class EngineSystemContext {

  private EngineSystemContext() {
  }

  public static <T> T call(IdentityService identityService, Supplier<T> work) {
    Authentication saved = identityService.getCurrentAuthentication();
    if (saved == null) {
      return work.get();
    }
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      identityService.setAuthentication(saved);
    }
  }

  public static void run(IdentityService identityService, Runnable work) {
    call(identityService, () -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code work} as {@code user}, so the engine checks their permissions and records them as the actor. */
  public static <T> T callAs(IdentityService identityService, DubanUser user, Supplier<T> work) {
    Authentication saved = identityService.getCurrentAuthentication();
    identityService.setAuthentication(user.id(), user.groupIds());
    try {
      return work.get();
    } finally {
      if (saved == null) {
        identityService.clearAuthentication();
      } else {
        identityService.setAuthentication(saved);
      }
    }
  }
}
