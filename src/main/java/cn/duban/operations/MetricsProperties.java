package cn.duban.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code duban.metrics.*}.
 *
 * @param cacheFor how long a figure read from the database (open items by light, jobs, the outbox) is reused: however
 *                 often and by however many Prometheus servers a node is scraped, each figure costs the database at
 *                 most one read in this time
 */
@ConfigurationProperties(prefix = "duban.metrics")
record MetricsProperties(@DefaultValue("10s") Duration cacheFor) {
}
