package cn.duban.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 登录限速, {@code duban.login.*}: after a few free failures every further failure of a user name or a client address
 * doubles the wait before the next attempt ({@code first-delay}, 2×, 4× …) up to {@code max-delay}; nothing is ever
 * locked for good.
 *
 * @param freeFailuresPerUser    failures of one user name that cost nothing (typos, a forgotten Caps Lock)
 * @param freeFailuresPerAddress failures from one client address, over all user names, that cost nothing; higher than
 *                               per user because an office behind one NAT address shares it
 * @param firstDelay             the wait after the first failure beyond the free ones
 * @param maxDelay               the longest wait
 * @param forgetAfter            failures older than this are forgotten
 */
@ConfigurationProperties(prefix = "duban.login")
public record LoginThrottleProperties(@DefaultValue("5") int freeFailuresPerUser,
                                      @DefaultValue("20") int freeFailuresPerAddress,
                                      @DefaultValue("PT2S") Duration firstDelay,
                                      @DefaultValue("PT5M") Duration maxDelay,
                                      @DefaultValue("PT1H") Duration forgetAfter) {

  /** The wait after the {@code failures}-th failure of a key that has {@code free} free ones, or null for none. */
  Duration delayAfter(int failures, int free) {
    int beyond = failures - free;
    if (beyond <= 0) {
      return null;
    }
    Duration delay = beyond > 30 ? maxDelay : firstDelay.multipliedBy(1L << (beyond - 1));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
