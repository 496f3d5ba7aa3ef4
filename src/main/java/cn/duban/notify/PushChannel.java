package cn.duban.notify;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.organisation.ContactService;
import cn.duban.system.BureauClock;

/**
 * A push to people's phones over a platform's HTTP API (企业微信, 钉钉, SMS): a person gets it if they chose it for the
 * kind and have a contact on it; it waits out quiet hours unless the kind is urgent.
 */
abstract class PushChannel implements NotificationChannel {

  protected final ContactService contacts;
  protected final BureauClock clock;
  protected final PlatformHttp http;

  PushChannel(ContactService contacts, BureauClock clock, Duration timeout) {
    this.contacts = contacts;
    this.clock = clock;
    this.http = new PlatformHttp(timeout);
  }

  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public Audience audience() {
    return Audience.CHOSEN;
  }

  @Override
  public boolean push() {
    return true;
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message) throws Exception {
    return deliver(message, Attempt.first(clock.now()));
  }

  /**
   * A platform that wants an access_token with every call (企业微信, 钉钉): the token is cached per node
   * ({@link AccessTokens}); a call the platform refuses for its token is made once more with a new one.
   */
  abstract static class WithToken extends PushChannel {

    /**
     * What a platform's error codes mean: refused for the token (fetch a new one, call again), rate limits (back off)
     * and refusals that will not change (failed for good); any other code is tried again later.
     */
    record Errors(Set<Integer> token, Set<Integer> rateLimits, Set<Integer> permanent) {
    }

    private final String name;
    private final String label;
    private final BooleanSupplier configured;
    private final Errors errors;
    private final AccessTokens tokens;

    WithToken(String name, String label, BooleanSupplier configured, Errors errors, ContactService contacts,
              BureauClock clock, Duration timeout) {
      super(contacts, clock, timeout);
      this.name = name;
      this.label = label;
      this.configured = configured;
      this.errors = errors;
      this.tokens = new AccessTokens(clock);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String label() {
      return label;
    }

    /** On when the platform's ids and secret are set. */
    @Override
    public boolean enabled() {
      return configured.getAsBoolean();
    }

    /** A call to the platform with a token. */
    interface Call {
      JsonNode with(String token) throws Exception;
    }

    AccessTokens tokens() {
      return tokens;
    }

    /** Asks the platform for a new token ({@code GET …/gettoken}). */
    abstract AccessTokens.Token fetchToken() throws Exception;

    /** The platform's error code of an answer (0 for success). */
    abstract int code(JsonNode answer);

    JsonNode withToken(Call call) throws Exception {
      String token = tokens.get(this::fetchToken);
      JsonNode answer = call.with(token);
      if (errors.token().contains(code(answer))) {
        tokens.invalidate(token);
        answer = call.with(tokens.get(this::fetchToken));
      }
      return answer;
    }

    /** Nothing for code 0; else the failure that code means ({@link Errors}), with the platform's reason. */
    void failUnlessZero(int code, String reason) throws RateLimited, PermanentFailure {
      if (code == 0) {
        return;
      }
      if (errors.rateLimits().contains(code)) {
        throw new RateLimited(reason, Duration.ofMinutes(1));
      }
      if (errors.permanent().contains(code)) {
        throw new PermanentFailure(reason);
      }
      throw new IllegalStateException(reason);
    }

    /** The token of a {@code gettoken} answer ({@code errcode}, {@code access_token}, {@code expires_in}). */
    static AccessTokens.Token token(JsonNode answer, String platform, String settings) {
      int code = answer.path("errcode").asInt(-1);
      if (code != 0 || !answer.hasNonNull("access_token")) {
        // a wrong id or secret: retried with back-off until an admin fixes the settings
        throw new IllegalStateException(platform + " gettoken errcode " + code + "：" + answer.path("errmsg").asText("")
            + "（请检查 " + settings + "）");
      }
      return new AccessTokens.Token(answer.get("access_token").asText(),
          Duration.ofSeconds(answer.path("expires_in").asLong(7200)));
    }
  }
}
