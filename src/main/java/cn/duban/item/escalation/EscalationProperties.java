package cn.duban.item.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The ladder's thresholds in working days ({@code duban.escalation.*}). */
@ConfigurationProperties(prefix = "duban.escalation")
public record EscalationProperties(@DefaultValue("3") int remindWorkingDaysBefore,
                                   @DefaultValue("2") int superviseWorkingDaysAfter,
                                   @DefaultValue("5") int bulletinWorkingDaysAfter) {
}
