package cn.duban.system.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits on what may be deployed to the engine. */
@ConfigurationProperties(prefix = "duban.deployment")
public record DeploymentProperties(@DefaultValue("2MB") DataSize maxResourceSize) {
}
