package cn.duban.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the bureau keeps the history of its items (档案保管期限), in days. A deployed process must keep its
 * history at least this long ({@code camunda:historyTimeToLive}).
 */
@ConfigurationProperties(prefix = "duban.retention")
public record RetentionProperties(@DefaultValue("3650") int days) {
}
