package cn.duban.system;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept ({@code duban.retention.*}): the bureau's retention period in days (档案保管期限, 10 years
 * by default) is every process definition's minimum {@code historyTimeToLive} (a deployment with less is refused); Camunda's history cleanup removes only what is
 * older, and only inside the nightly cleanup window.
 */
@ConfigurationProperties(prefix = "duban.retention")
public record RetentionProperties(@DefaultValue("3650") int days,
                                  @DefaultValue("01:00") LocalTime cleanupWindowStart,
                                  @DefaultValue("05:00") LocalTime cleanupWindowEnd) {

  public RetentionProperties {
    if (days < 1) {
      throw new IllegalArgumentException("duban.retention.days (DUBAN_RETENTION_DAYS) must be at least 1, was " + days);
    }
  }
}
