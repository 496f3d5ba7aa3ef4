package cn.duban.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed-in sessions, {@code duban.session.*}.
 *
 * @param recheckInterval how long a node may rely on what it last read of a person's password, lock and groups before
 *                        reading them again: the longest time a changed membership or password takes to reach a
 *                        session on another node (on the node where the change was made too)
 */
@ConfigurationProperties(prefix = "duban.session")
public record SessionProperties(@DefaultValue("PT5S") Duration recheckInterval) {
}
