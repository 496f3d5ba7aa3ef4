package cn.duban.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 紧急授权 (break-glass), {@code duban.break-glass.*}: off unless the operators switch it on for a restart
 * ({@code DUBAN_BREAK_GLASS_ENABLED=true}); even then an admin must open a grant with a reason, for at most
 * {@code max-duration}.
 */
@ConfigurationProperties(prefix = "duban.break-glass")
public record BreakGlassProperties(@DefaultValue("false") boolean enabled,
                                   @DefaultValue("PT4H") Duration maxDuration) {
}
